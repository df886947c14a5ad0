import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { boundedChunks } from './body-stream.ts';
import { BodyError, formatBytes, HttpError, isHttpError, unsupportedMediaType } from './errors.ts';
import { multipartFraming } from './limits.ts';

/** The file part of an upload, as handed to `store`. */
export interface FilePartMeta {
  /** The file name the client gave (never used as a path). */
  name?: string;
  /** The type the client claimed (never trusted: ingest sniffs the bytes). */
  contentType?: string;
}

/** How an upload's file part is taken in. */
export interface FilePartOptions<T> {
  /** The part's name, e.g. `file`. */
  field: string;
  /**
   * Streams the part into storage, enforcing the file's own size limit while it reads. Called
   * synchronously when the part starts; it must consume `source` (or the request stalls).
   */
  store(source: Readable, meta: FilePartMeta): Promise<T>;
  /** Deletes a stored file again: the request turned out bad after the file was stored. */
  remove(stored: T): Promise<void>;
}

/** Options of `readMultipart`. */
export interface MultipartOptions<T> {
  /** The whole body's limit (file and framing); 413 the moment it is passed. */
  maxBytes: number;
  /** The text fields allowed beside the file, or `any` for a text-only form. */
  fieldNames: readonly string[] | 'any';
  /** The one file part this route takes; absent: any file part is refused. */
  file?: FilePartOptions<T>;
  /** Longest text field in bytes (default: 1 KB with a file, the body limit without). */
  maxFieldBytes?: number;
}

/** What a multipart body carried: its text fields and, when one was sent, the stored file. */
export interface MultipartBody<T> {
  fields: Record<string, string>;
  file?: T;
}

/** Text-only forms may carry this many fields (our forms have fewer than ten). */
const maxAnyFields = 50;

/**
 * Parses `multipart/form-data` with busboy, streaming the file part straight into storage: the
 * body is never held in memory whole, and is refused with 413 as soon as it passes `maxBytes`.
 * Text fields may come before or after the file. A malformed or cut-off body is a 400, never a
 * crash: busboy emits `error` on the parser *and* on an open file stream when a body ends early,
 * and an `error` nobody listens to ends the process, so each stream gets its listener the moment
 * it exists. Any refusal after the file was stored removes it again: nothing is left behind.
 */
export async function readMultipart<T = never>(request: Request, options: MultipartOptions<T>): Promise<MultipartBody<T>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) throw unsupportedMediaType(`multipart/form-data${options.file ? ` with a "${options.file.field}" part` : ''}`);
  const anyFields = options.fieldNames === 'any';
  const fieldCount = anyFields ? maxAnyFields : options.fieldNames.length;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      // busboy emits partsLimit when a part *reaches* the limit, so parts allow one more than the
      // fields plus the file.
      limits: {
        // One file even for text-only forms, so a stray file is named in the refusal.
        files: 1,
        fields: fieldCount,
        parts: fieldCount + 2,
        fieldSize: options.maxFieldBytes ?? (options.file ? 1024 : options.maxBytes),
        fieldNameSize: 64,
        headerPairs: 20,
      },
    });
  } catch (cause) {
    throw malformed((cause as Error).message);
  }

  const fields: Record<string, string> = {};
  let upload: Promise<T> | undefined;
  let problem: Error | undefined;
  let onProblem: () => void = () => {};
  // The first problem stops the parse at once (whatever is still arriving is not read) and
  // wakes the feeding loop if it waits for the storage to catch up.
  const fail = (error: Error) => {
    if (problem) return;
    problem = error;
    parser.destroy();
    onProblem();
  };
  const allowed = (name: string) => anyFields || (options.fieldNames as readonly string[]).includes(name);
  const expected = () => [options.file && `"${options.file.field}"`, anyFields ? 'text fields' : (options.fieldNames as readonly string[]).join(', ')].filter(Boolean).join(' and ');

  parser.on('error', (error: Error) => fail(malformed(error.message)));
  parser.on('file', (name, stream, info) => {
    // First of all: a cut-off body errors this stream too.
    stream.on('error', (error: Error) => fail(malformed(error.message)));
    if (problem) return void stream.resume();
    if (!options.file) return (stream.resume(), fail(new HttpError(400, 'unexpected-file', `This form takes no file ("${name}"): send ${expected()}.`, { field: name })));
    if (name !== options.file.field) return (stream.resume(), fail(unknownField(name, expected())));
    if (upload) return (stream.resume(), fail(new HttpError(400, 'one-file-only', 'Send one file per request.', { field: name })));
    upload = options.file.store(stream, { name: info.filename, contentType: info.mimeType });
    upload.catch(fail);
  });
  parser.on('field', (name, value, info) => {
    if (problem) return;
    if (options.file && name === options.file.field) {
      return fail(new HttpError(400, 'file-required', `"${name}" arrived as text: attach the file itself (a file part with a file name).`, { field: name }));
    }
    if (!allowed(name)) return fail(unknownField(name, expected()));
    if (info.valueTruncated) return fail(new HttpError(400, 'invalid-request', `${name}: is too long.`, { field: name }));
    if (name in fields) return fail(new HttpError(400, 'invalid-request', `${name}: is sent twice; send it once.`, { field: name }));
    fields[name] = value;
  });
  const tooMany = () => fail(new BodyError(400, 'too-many-parts', `Send ${expected()}, nothing more.`));
  parser.on('partsLimit', tooMany).on('filesLimit', tooMany).on('fieldsLimit', tooMany);
  const closed = new Promise<void>((resolve) => parser.once('close', resolve));

  const opening = openingCheck(type);
  try {
    for await (const chunk of boundedChunks(request, options.maxBytes)) {
      if (problem) break;
      const opened = opening(chunk);
      if (opened === false) {
        fail(malformed('the body does not start with its boundary'));
        break;
      }
      if (!parser.write(chunk)) {
        // Wait for the file's consumer (storage) to catch up, unless the request is refused meanwhile.
        await new Promise<void>((resolve) => {
          const done = () => {
            parser.off('drain', done).off('close', done);
            onProblem = () => {};
            resolve();
          };
          onProblem = done;
          parser.on('drain', done).on('close', done);
        });
      }
    }
  } catch (error) {
    fail(error as Error);
  }
  if (!problem) parser.end();
  await closed;

  let stored: T | undefined;
  if (upload) {
    try {
      stored = await upload;
    } catch (error) {
      // The file's own size limit says more than the parse error it caused; otherwise the
      // first problem stands (a stopped parse makes the file stream fail too).
      if (!problem || (error as { status?: unknown }).status === 413) problem = error as Error;
    }
  }
  if (problem) {
    if (stored !== undefined) await options.file!.remove(stored);
    throw problem;
  }
  return stored === undefined ? { fields } : { fields, file: stored };
}

/**
 * Checks that a body opens with its boundary line (`--<boundary>`), after at most a blank line.
 * RFC 2046 allows a preamble before it, which no browser or HTTP client sends; without this
 * check a body that never names its boundary would be read to the route's limit (25 MB for a
 * photo) before busboy gives up. Returns true once checked, false for a bad opening, undefined
 * while too few bytes have arrived to tell.
 */
function openingCheck(contentType: string): (chunk: Uint8Array) => boolean | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const expected = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  let seen = Buffer.alloc(0);
  let verdict: boolean | undefined;
  return (chunk) => {
    if (verdict !== undefined) return verdict;
    seen = Buffer.concat([seen, chunk]);
    const start = seen.subarray(0, 2).toString('latin1') === '\r\n' ? 2 : 0;
    if (seen.length - start < expected.length) return undefined;
    verdict = seen.subarray(start, start + expected.length).equals(expected);
    return verdict;
  };
}

function malformed(detail: string): BodyError {
  return new BodyError(400, 'invalid-multipart', `The multipart body is malformed or cut off (${detail}): send it again, built by the browser or HTTP client from a FormData.`);
}

function unknownField(name: string, expected: string): HttpError {
  return new HttpError(400, 'invalid-request', `${name}: is not a known field: send ${expected}.`, { field: name });
}

/**
 * An upload's body as services see it: given how to store the file part and which text fields
 * may come with it, resolves with the fields and the stored file. Services never see the
 * `Request`; they decide where the file goes before a byte of it is read.
 */
export type UploadBody = <T>(file: FilePartOptions<T>, fieldNames: readonly string[]) => Promise<MultipartBody<T>>;

/**
 * The upload port of a request: its multipart body, read under `maxBytes` as it arrives. A body
 * past the limit is refused as the file's fault (`file-too-large`, naming the file limit), which
 * is what the uploader can act on.
 */
export function uploadFrom(request: Request, maxBytes: number): UploadBody {
  return async (file, fieldNames) => {
    try {
      return await readMultipart(request, { maxBytes, fieldNames, file });
    } catch (error) {
      if (!isHttpError(error) || error.code !== 'body-too-large') throw error;
      const limit = formatBytes(maxBytes - multipartFraming);
      throw new HttpError(413, 'file-too-large', `The file is larger than ${limit}. Export the photo as JPEG at a smaller size or lower quality and upload again.`, { field: file.field });
    }
  };
}
