import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { OriginalSource, StoredOriginal } from '../storage/types.ts';
import { SubmissionError } from './errors.ts';

/** What a photo upload carried: the stored original and the text fields, as sent. */
export interface ReceivedUpload {
  stored: StoredOriginal;
  fields: Record<string, string>;
}

/** Options of `receiveUpload`. */
export interface ReceiveOptions {
  /** Streams the file part into storage (enforcing the size limit while it reads). */
  store(source: OriginalSource, meta: { name?: string; contentType?: string }): Promise<StoredOriginal>;
  /** Deletes a stored original again (the request turned out bad after the file was stored). */
  remove(key: string): Promise<void>;
  /** Names of the text fields allowed beside `file`. */
  fieldNames: readonly string[];
  /** How much of a refused body is still read (and dropped) so the client gets the answer. */
  drainBytes: number;
}

const fileField = 'file';

/**
 * Parses a `multipart/form-data` photo upload with busboy, streaming the `file` part straight into
 * storage: the request is never held in memory whole, and an oversized file is cut off at the
 * limit. Text fields may come before or after the file. Any refusal after the file was stored
 * deletes it again, so a refused request leaves nothing behind.
 */
export async function receiveUpload(request: Request, options: ReceiveOptions): Promise<ReceivedUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new SubmissionError(415, 'unsupported-media-type', `Send the photo as multipart/form-data with a "${fileField}" part and the fields ${options.fieldNames.join(', ')}.`);
  }
  if (!request.body) throw missingFile();
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      // Text fields are a few short words; the file's own limit is enforced by storage.
      // busboy emits partsLimit when a part *reaches* the limit (fields and files when one
      // passes it), so the part count allows one more than the fields plus the file.
      limits: { files: 1, fields: options.fieldNames.length, parts: options.fieldNames.length + 2, fieldSize: 1024, fieldNameSize: 64, headerPairs: 20 },
    });
  } catch (cause) {
    throw new SubmissionError(400, 'invalid-multipart', `The multipart body cannot be read (${(cause as Error).message}): let the browser or HTTP client build it from a FormData.`);
  }
  const body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
  const fields: Record<string, string> = {};
  let upload: Promise<StoredOriginal> | undefined;
  let problem: Error | undefined;

  await new Promise<void>((resolve) => {
    // On a refusal, nothing more is parsed or stored, but the rest of the body is read and dropped
    // (up to `drainBytes`): a server that closes while the client still sends makes the client see
    // a connection reset instead of the error response. Past that, the connection is cut.
    const stop = (error: Error) => {
      if (problem) return;
      problem = error;
      body.unpipe(parser);
      parser.destroy();
      let drained = 0;
      body.on('data', (chunk: Uint8Array) => {
        drained += chunk.byteLength;
        if (drained > options.drainBytes) body.destroy();
      });
      body.resume();
      resolve();
    };
    parser.on('file', (name, stream, info) => {
      // busboy finishes the chunk it is parsing after a stop(): ignore whatever it still finds.
      if (problem) return void stream.resume();
      if (name !== fileField) return (stream.resume(), stop(unknownField(name, options.fieldNames)));
      if (upload) return (stream.resume(), stop(new SubmissionError(400, 'one-file-only', 'Send one photo per request.', { field: fileField })));
      upload = options.store(stream, { name: info.filename, contentType: info.mimeType });
      upload.catch(stop);
    });
    parser.on('field', (name, value, info) => {
      if (problem) return;
      if (name === fileField) return stop(new SubmissionError(400, 'file-required', `"${fileField}" arrived as text: attach the photo itself (a file part with a file name).`, { field: fileField }));
      if (!options.fieldNames.includes(name)) return stop(unknownField(name, options.fieldNames));
      if (info.valueTruncated) return stop(new SubmissionError(400, 'invalid-request', `${name}: is too long.`, { field: name }));
      if (name in fields) return stop(new SubmissionError(400, 'invalid-request', `${name}: is sent twice; send it once.`, { field: name }));
      fields[name] = value;
    });
    const tooMany = () => stop(new SubmissionError(400, 'too-many-parts', `Send one "${fileField}" part and at most the fields ${options.fieldNames.join(', ')}.`));
    parser.on('partsLimit', tooMany).on('filesLimit', tooMany).on('fieldsLimit', tooMany);
    parser.on('error', (error) => stop(new SubmissionError(400, 'invalid-multipart', `The multipart body is malformed (${(error as Error).message}): let the browser or HTTP client build it from a FormData.`)));
    parser.on('close', resolve);
    body.on('error', (error) => stop(new SubmissionError(400, 'upload-interrupted', `The upload was interrupted (${error.message}); try again.`)));
    body.pipe(parser);
  });

  let stored: StoredOriginal | undefined;
  if (upload) {
    try {
      stored = await upload;
    } catch (error) {
      // The size limit says more than the parse error it caused; otherwise the first problem stands
      // (a stopped parse makes the file stream fail too).
      if (!problem || (error as { status?: unknown }).status === 413) problem = error as Error;
    }
  }
  if (problem || !stored) {
    if (stored) await options.remove(stored.key);
    throw problem ?? missingFile();
  }
  return { stored, fields };
}

function missingFile(): SubmissionError {
  return new SubmissionError(400, 'file-required', `Attach the photo as the "${fileField}" part of a multipart/form-data body.`, { field: fileField });
}

function unknownField(name: string, allowed: readonly string[]): SubmissionError {
  return new SubmissionError(400, 'invalid-request', `${name}: is not a known field: send "${fileField}" and ${allowed.join(', ')}.`, { field: name });
}
