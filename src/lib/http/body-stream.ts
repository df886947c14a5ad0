import { bodyInterrupted, bodyTooLarge } from './errors.ts';

/** `Content-Length` as a number, or undefined when absent or not a plain non-negative integer. */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header);
}

/** Bodies refused for their size: not a byte more of them is read. */
const oversized = new WeakSet<Request>();

/**
 * What is left of a body the route did not read (refused before it, or not needed) is read and
 * dropped, never kept, up to this much and this long, so the client gets its answer on a
 * connection it can reuse.
 */
export const linger = { bytes: 1024 * 1024, ms: 2_000 } as const;

/**
 * Settles a request's body before its answer is sent. A body the route did not read to its end
 * is read and dropped within `linger`; past it, or when it was refused for its size, nothing
 * more is read at all. Node would otherwise read (and drop) every byte of a refused 300 MB body
 * to keep the connection alive. Left unread, the connection stalls once the socket buffers fill,
 * and the keep-alive timeout closes it a few seconds after the answer. It is not closed at once:
 * a client still sending would then see a reset instead of the answer.
 */
export async function settleBody(request: Request): Promise<void> {
  if (!request.body || request.body.locked) return;
  const reader = request.body.getReader();
  try {
    // Touched, the body is the route's: Node no longer reads the rest itself.
    const first = reader.read();
    if (oversized.has(request)) return void first.catch(() => {});
    const deadline = new Promise<'late'>((resolve) => setTimeout(resolve, linger.ms, 'late').unref());
    let size = 0;
    for (let next = await Promise.race([first, deadline]); next !== 'late' && !next.done; next = await Promise.race([reader.read(), deadline])) {
      size += next.value.byteLength;
      if (size > linger.bytes) return;
    }
  } catch {
    // The client went away: nothing left to settle.
  } finally {
    reader.releaseLock();
  }
}

/**
 * The chunks of a request body, refused with 413 the moment more than `maxBytes` arrived, or
 * before a byte is read when `Content-Length` already says so (a lying length cannot help: the
 * count is of what arrives). A body the client stops sending is a 400 `body-interrupted`.
 *
 * On a refusal for size the rest is left unread rather than cancelled (cancelling destroys the
 * socket before the 413 is written, so the client would see a reset instead of the answer):
 * `settleBody` then leaves it unread.
 */
export async function* boundedChunks(request: Request, maxBytes: number, what?: string): AsyncGenerator<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) {
    oversized.add(request);
    throw bodyTooLarge(maxBytes, what);
  }
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
      if (size > maxBytes) {
        oversized.add(request);
        throw bodyTooLarge(maxBytes, what);
      }
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
