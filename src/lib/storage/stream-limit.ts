import { createHash } from 'node:crypto';
import { StorageLimitError, type OriginalSource } from './types.ts';

/**
 * Reads `source` chunk by chunk, handing each to `onChunk`, hashing and counting as it goes. The
 * moment the count passes `maxBytes` the source is cancelled (the client stops sending) and a
 * `StorageLimitError` is thrown: a 10 GB body costs at most `maxBytes` plus one chunk.
 */
export async function consumeWithLimit(
  source: OriginalSource,
  maxBytes: number,
  onChunk: (chunk: Uint8Array) => Promise<void> | void,
): Promise<{ size: number; sha256: string }> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be a whole number of bytes, got ${maxBytes}`);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunksOf(source)) {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('an original must be a stream of Uint8Array chunks');
    size += chunk.byteLength;
    if (size > maxBytes) throw new StorageLimitError(maxBytes); // leaving the loop cancels the source
    hash.update(chunk);
    await onChunk(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Collects a source into one buffer under the same limit (for drivers that upload whole files). */
export async function collectWithLimit(source: OriginalSource, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; size: number; sha256: string }> {
  const chunks: Uint8Array[] = [];
  const { size, sha256 } = await consumeWithLimit(source, maxBytes, (chunk) => void chunks.push(chunk));
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, size, sha256 };
}

/** Iterates a web stream through its reader (cancelled on early exit) or any async iterable. */
async function* chunksOf(source: OriginalSource): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let done = false;
  try {
    while (true) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Early exit (limit passed, write failed): tell the producer to stop sending.
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
