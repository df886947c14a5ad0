/**
 * The UploadThing transport (production storage), with `@uploadthing/react`'s helpers typed by the
 * server's file router: `/api/uploadthing` checks the input and the draft and answers a presigned
 * URL, the browser PUTs the file to UploadThing (with progress), and UploadThing's signed callback
 * makes the server ingest and record the photo; its answer comes back as the upload's server data.
 *
 * Its own chunk, loaded only in UploadThing mode. It answers what the local endpoint would have
 * (`status` and JSON body), which the island reads with the same code as local uploads; importing
 * nothing else of the island keeps local mode's scripts free of a shared chunk.
 */
import { generateReactHelpers } from '@uploadthing/react';
import type { UploadInput } from '../../../lib/storage/upload-input.ts';
import type { UploadRouter } from '../../../lib/storage/uploadthing.ts';

export interface UploadThingOptions {
  /** The file router's URL (default `/api/uploadthing` on this origin). */
  url?: string | URL;
}

/** What `POST /api/submissions/:id/photos` would have answered; `status` 0: the upload did not get through. */
export interface UploadAnswer {
  status: number;
  body: unknown;
}

/** Sends one file through the `photo` route; `onProgress` gets the bytes sent. Never rejects. */
export type UploadThingSend = (file: File, input: UploadInput, onProgress: (loaded: number) => void) => Promise<UploadAnswer>;

export function createUploadThingSend(options: UploadThingOptions = {}): UploadThingSend {
  const { uploadFiles } = generateReactHelpers<UploadRouter>({
    url: options.url ?? '/api/uploadthing',
    // Looked up on every call (a wrapper installed later, e.g. a test's HTTP stub, still applies).
    fetch: (input, init) => globalThis.fetch(input, init),
  });
  return async (file, input, onProgress) => {
    try {
      const [uploaded] = await uploadFiles('photo', { files: [file], input, onUploadProgress: ({ loaded }) => onProgress(loaded) });
      return answerOfServerData(uploaded?.serverData);
    } catch (error) {
      return answerOfError(error);
    }
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Statuses the local endpoint answers for the refusals the server returns as server data; the rest are 400. */
const refusalStatus: Record<string, number> = {
  'not-found': 404, 'not-a-draft': 409, 'too-many-photos': 409, 'file-too-large': 413, 'unsupported-type': 415, 'heic-not-supported': 415, 'animated-image': 415, 'upload-failed': 500,
};

/**
 * The upload's server data: the photo summary (`201`), or the refusal `{ error: { code, message,
 * hint? } }` the server returns when it turned the photo down, with the local endpoint's status
 * (`captured-at-required` is a 400, so the photo card asks for the date).
 */
export function answerOfServerData(serverData: unknown): UploadAnswer {
  if (isRecord(serverData) && isRecord(serverData.error)) return { status: refusalStatus[String(serverData.error.code)] ?? 400, body: serverData };
  return { status: 201, body: serverData ?? null };
}

/** Statuses of UploadThing's error codes that mean a refusal (the rest: the upload did not get through). */
const codeStatus: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, FORBIDDEN: 403, TOO_LARGE: 413, TOO_SMALL: 400, TOO_MANY_FILES: 400, KEY_TOO_LONG: 400, FILE_LIMIT_EXCEEDED: 400 };

/**
 * A failed upload. Refusals of `/api/uploadthing` arrive as an `UploadThingError` whose `cause`
 * is the server's `{ message, reason }` (a missing session: 401, as locally); a failed PUT or an
 * unreachable server has no such body and counts as a dropped connection.
 */
export function answerOfError(error: unknown): UploadAnswer {
  if (!(error instanceof Error)) return { status: 0, body: null };
  const cause = isRecord(error.cause) ? error.cause : {};
  const message = typeof cause.message === 'string' ? cause.message : error.message;
  const reason = cause.reason;
  if (reason === 'unauthenticated') return { status: 401, body: { error: { code: 'unauthenticated', message } } };
  if (reason === 'not-found' || reason === 'forbidden') return { status: reason === 'not-found' ? 404 : 403, body: { error: { code: reason, message } } };
  const code = (error as { code?: unknown }).code;
  const status = typeof code === 'string' ? codeStatus[code] : undefined;
  return status && message ? { status, body: { error: { code: 'upload-refused', message } } } : { status: 0, body: null };
}
