import type { UploadInput } from './upload-input.ts';

/**
 * The seam between the UploadThing route and the submission flow. Storage knows how files travel;
 * the submission flow knows who may add a photo to which draft and what to do with it once stored.
 * The submission flow calls `setUploadDeps()` once at server start; until then the route answers
 * 503 rather than accept uploads nobody would record.
 */

/** The answer of `authorize`: who owns the upload, or why it is refused. */
export type UploadDecision =
  | { ok: true; ownerId: string }
  | {
      ok: false;
      /** unauthenticated → 401, forbidden → 403, not-found → 404 (another practitioner's draft). */
      reason: 'unauthenticated' | 'forbidden' | 'not-found';
      /** Shown to the uploader: what is wrong and what to do. */
      message: string;
    };

/** An original UploadThing has stored and signed for. */
export interface StoredOriginalEvent {
  /** UploadThing file key (what `storage.readOriginal(key)` takes). */
  key: string;
  /** The file's URL on UploadThing (private apps need a signed URL: use `readOriginal`). */
  url: string;
  /** Size in bytes as UploadThing measured it. */
  size: number;
  /** File name as the browser declared it (untrusted, for display only). */
  name: string;
  /** The upload input, as validated before the upload was allowed. */
  input: UploadInput;
  /** The account `authorize` found for the upload. */
  ownerId: string;
}

/** JSON the browser receives as the upload's server data (e.g. the photo id, the EXIF date found). */
export type UploadResultData = { [key: string]: string | number | boolean | null | undefined | UploadResultData | UploadResultData[] | string[] | number[] };

/** What the submission flow provides. */
export interface UploadDeps {
  /**
   * The same authorization as the local upload endpoint: a signed-in practitioner adding a photo to
   * their own draft. Reads the session from the request; never throws for a refusal.
   */
  authorize(request: Request, input: UploadInput): Promise<UploadDecision>;
  /**
   * Records the stored original, fetches it (`storage.readOriginal(key)`) and ingests it. Its result
   * goes to the browser; a thrown error becomes `{ error: { code, message } }` there.
   */
  onOriginalStored(event: StoredOriginalEvent): Promise<UploadResultData | void>;
}

let current: UploadDeps | undefined;

/** Registers the submission flow's dependencies (call once at server start; tests may call again). */
export function setUploadDeps(deps: UploadDeps): void {
  current = deps;
}

/** The registered dependencies, if any. */
export function getUploadDeps(): UploadDeps | undefined {
  return current;
}
