import { bodyInterrupted, bodyTooLarge } from './errors.ts';
import { hasBody } from './media-type.ts';

/** `Content-Length` as a number, or undefined when absent or not a plain non-negative integer. */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header);
}

/** Requests whose body was refused part-way: the rest must not be read (see `closesConnection`). */
const refusedBodies = new WeakSet<Request>();

/**
 * Whether the answer to this request must close the connection: its body was refused part-way,
 * or it is an error answer while a body may still be arriving. Node would otherwise read (and
 * drop) the rest of the body to keep the connection alive: 300 MB for a 300 MB refusal.
 */
export function closesConnection(request: Request, status: number): boolean {
  return refusedBodies.has(request) || (status >= 400 && hasBody(request));
}

/**
 * The chunks of a request body, refused with 413 the moment more than `maxBytes` arrived, or
 * before a byte is read when `Content-Length` already says so (a lying length cannot help: the
 * count is of what arrives). A body the client stops sending is a 400 `body-interrupted`.
 *
 * On a refusal the stream is left unread rather than cancelled: cancelling would destroy the
 * socket before the 413 is written. The request is remembered, so its answer carries
 * `Connection: close` (`closesConnection`) and Node closes the connection once the answer is
 * out, reading no more.
 */
export async function* boundedChunks(request: Request, maxBytes: number, what?: string): AsyncGenerator<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) {
    refusedBodies.add(request);
    throw bodyTooLarge(maxBytes, what);
  }
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  let finished = false;
  try {
    while (true) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        throw bodyInterrupted((cause as Error).message || 'the connection closed');
      }
      if (next.done) {
        finished = true;
        return;
      }
      size += next.value.byteLength;
      if (size > maxBytes) throw bodyTooLarge(maxBytes, what);
      yield next.value;
    }
  } finally {
    // Also when the consumer stops early (a multipart part refused): the rest stays unread.
    if (!finished) refusedBodies.add(request);
    reader.releaseLock();
  }
}

/** The whole body as bytes, under `maxBytes` (see `boundedChunks`). */
export async function readBoundedBytes(request: Request, maxBytes: number, what?: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of boundedChunks(request, maxBytes, what)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
