/**
 * The contract every storage driver passes (ARCHITECTURE.md: one shared suite per port). Each
 * driver's test file calls `storageContract()` with a harness over its real implementation.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidStorageKeyError, OriginalNotFoundError, StorageLimitError, type OriginalStorage } from '../../src/lib/storage/index.ts';

/** A driver under test and a way to count what it holds (files, temp files, remote objects). */
export interface StorageHarness {
  storage: OriginalStorage;
  /** Everything the driver has left anywhere: stored originals plus any partial or temp upload. */
  leftovers(): Promise<number>;
}

const meta = { ownerId: 'user-ana', contentType: 'image/jpeg', name: 'IMG_0001.jpg' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `count` chunks of `size` bytes, each filled with its index, as a web stream. */
function streamOf(count: number, size: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i === count) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(i++ & 0xff));
    },
  });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(chunks));
}

/** Registers the contract's tests for one driver. */
export function storageContract(name: string, setup: () => Promise<StorageHarness>): void {
  describe(`${name} driver: storage contract`, { timeout: 20_000 }, () => {
    it('stores a web stream and reads it back byte for byte, with its size and sha256', async () => {
      const { storage } = await setup();
      const expected = concat(Array.from({ length: 5 }, (_, i) => new Uint8Array(64 * 1024).fill(i)));
      const stored = await storage.putOriginal(streamOf(5, 64 * 1024), meta, { maxBytes: 1024 * 1024 });
      expect(stored).toEqual({ key: expect.any(String), size: expected.length, sha256: sha256(expected) });
      expect(storage.isKey(stored.key)).toBe(true);
      expect(await storage.exists(stored.key)).toBe(true);
      expect(Buffer.from(await storage.readOriginal(stored.key)).equals(Buffer.from(expected))).toBe(true);
    });

    it('stores an async iterable, and gives every original its own key', async () => {
      const { storage, leftovers } = await setup();
      async function* chunks() {
        yield new TextEncoder().encode('hello ');
        yield new TextEncoder().encode('original');
      }
      const a = await storage.putOriginal(chunks(), meta, { maxBytes: 100 });
      const b = await storage.putOriginal(chunks(), meta, { maxBytes: 100 });
      expect(a.key).not.toBe(b.key);
      expect(new TextDecoder().decode(await storage.readOriginal(b.key))).toBe('hello original');
      expect(await leftovers()).toBe(2);
    });

    it('accepts exactly maxBytes', async () => {
      const { storage } = await setup();
      const stored = await storage.putOriginal(streamOf(4, 1000), meta, { maxBytes: 4000 });
      expect(stored.size).toBe(4000);
    });

    it('stops an endless async iterable at the limit, leaving nothing behind', async () => {
      const { storage, leftovers } = await setup();
      let pulled = 0;
      let stopped = false;
      async function* endless() {
        try {
          while (true) {
            pulled++;
            yield new Uint8Array(16 * 1024);
          }
        } finally {
          stopped = true;
        }
      }
      const error = await storage.putOriginal(endless(), meta, { maxBytes: 100 * 1024 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageLimitError);
      expect((error as StorageLimitError).status).toBe(413);
      expect((error as StorageLimitError).message).toMatch(/larger than 0\.1 MB/);
      // 100 KiB in 16 KiB chunks: the 7th chunk passes the limit and nothing more is pulled.
      expect(pulled).toBe(7);
      expect(stopped).toBe(true);
      expect(await leftovers()).toBe(0);
    });

    it('cancels a web stream over the limit, leaving nothing behind', async () => {
      const { storage, leftovers } = await setup();
      let cancelled = false;
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.enqueue(new Uint8Array(32 * 1024)),
        cancel: () => {
          cancelled = true;
        },
      });
      await expect(storage.putOriginal(endless, meta, { maxBytes: 200 * 1024 })).rejects.toBeInstanceOf(StorageLimitError);
      expect(cancelled).toBe(true);
      expect(await leftovers()).toBe(0);
    });

    it('deletes an original; a second delete is harmless; reading it then is OriginalNotFoundError', async () => {
      const { storage, leftovers } = await setup();
      const { key } = await storage.putOriginal(streamOf(1, 10), meta, { maxBytes: 100 });
      await storage.deleteOriginal(key);
      await storage.deleteOriginal(key);
      expect(await storage.exists(key)).toBe(false);
      await expect(storage.readOriginal(key)).rejects.toBeInstanceOf(OriginalNotFoundError);
      expect(await leftovers()).toBe(0);
    });

    it('refuses keys it did not issue, before building any path or URL', async () => {
      const { storage } = await setup();
      for (const key of ['', '../../etc/passwd', '..', 'a/b', 'ab/../../x', '%2e%2e%2fsecret', 'key\0', `${'a'.repeat(300)}`, 'public/x.jpg', 'https://evil.test/x']) {
        expect(storage.isKey(key), key).toBe(false);
        await expect(storage.readOriginal(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.deleteOriginal(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.exists(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      }
    });
  });
}
