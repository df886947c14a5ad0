import { bodyInterrupted, bodyTooLarge } from './errors.ts';

/** `Content-Length` as a number, or undefined when absent or not a plain non-negative integer. */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header);
}

/**
 * The chunks of a request body, refused with 413 the moment more than `maxBytes` arrived, or
 * before a byte is read when `Content-Length` already says so (a lying length cannot help: the
 * count is of what arrives). A body the client stops sending is a 400 `body-interrupted`.
 *
 * On a refusal the rest is not cancelled (that destroys the socket before the 413 is written, so
 * the client would see a reset instead of the answer): the HTTP server settles it after the
 * answer (`lingerAfterAnswer` in node-server.ts).
 */
export async function* boundedChunks(request: Request, maxBytes: number, what?: string): AsyncGenerator<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) throw bodyTooLarge(maxBytes, what);
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  try {
    while (true) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        throw bodyInterrupted((cause as Error).message || 'the connection closed');
      }
      if (next.done) return;
      size += next.value.byteLength;
      if (size > maxBytes) throw bodyTooLarge(maxBytes, what);
      yield next.value;
    }
  } finally {
    // The rest, if any, is `settleBody`'s: a consumer may stop early (a multipart part refused).
    reader.releaseLock();
  }
}

/** The whole body as bytes, under `maxBytes` (see `boundedChunks`). */
export async function readBoundedBytes(request: Request, maxBytes: number, what?: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of boundedChunks(request, maxBytes, what)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
