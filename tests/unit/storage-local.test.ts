import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPrivateDir, createLocalDiskStorage, createStorage, StorageLimitError } from '../../src/lib/storage/index.ts';
import { storageContract } from './storage-contract.ts';

// Real files in temp folders.
let root: string;
beforeAll(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'healed-storage-test-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

/** Every file under `dir` (temp files included), relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

storageContract('local disk', async () => {
  const dir = await mkdtemp(path.join(root, 'originals-'));
  return { storage: createLocalDiskStorage({ dir }), leftovers: async () => (await filesUnder(dir)).length };
});

describe('local disk storage', () => {
  it('lays originals out as <2 hex>/<key>, readable by the server user only', async () => {
    const dir = await mkdtemp(path.join(root, 'layout-'));
    const storage = createLocalDiskStorage({ dir });
    async function* bytes() { yield new Uint8Array([1, 2, 3]); }
    // The declared name is untrusted and never used for the path.
    const { key } = await storage.putOriginal(bytes(), { ownerId: 'u1', name: '../../evil.jpg' }, { maxBytes: 10 });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(await filesUnder(dir)).toEqual([path.join(key.slice(0, 2), key)]);
    expect((await stat(path.join(dir, key.slice(0, 2), key))).mode & 0o777).toBe(0o600);
  });

  it('writes atomically: while bytes stream in, only a dot-temp file exists; then only the original', async () => {
    const dir = await mkdtemp(path.join(root, 'atomic-'));
    const storage = createLocalDiskStorage({ dir });
    let release!: () => void;
    const halfway = new Promise<void>((resolve) => { release = resolve; });
    let seenMidway: string[] = [];
    async function* slow() {
      yield new Uint8Array(1000).fill(1);
      // The first chunk is on disk (in the temp file); look before the rest arrives.
      seenMidway = await filesUnder(dir);
      await halfway;
      yield new Uint8Array(1000).fill(2);
    }
    const put = storage.putOriginal(slow(), { ownerId: 'u1' }, { maxBytes: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    release();
    const { key, size } = await put;
    expect(seenMidway).toHaveLength(1);
    expect(path.basename(seenMidway[0]!)).toMatch(/^\..*\.tmp$/);
    expect(await filesUnder(dir)).toEqual([path.join(key.slice(0, 2), key)]);
    expect(size).toBe(2000);
    expect((await readFile(path.join(dir, key.slice(0, 2), key))).subarray(999, 1001)).toEqual(Buffer.from([1, 2]));
  });

  it('leaves no file and no temp file when the limit is passed mid-stream or the source fails', async () => {
    const dir = await mkdtemp(path.join(root, 'limit-'));
    const storage = createLocalDiskStorage({ dir });
    async function* big() {
      for (let i = 0; i < 100; i++) yield new Uint8Array(64 * 1024);
    }
    await expect(storage.putOriginal(big(), { ownerId: 'u1' }, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(StorageLimitError);
    async function* broken() {
      yield new Uint8Array(10);
      throw new Error('client went away');
    }
    await expect(storage.putOriginal(broken(), { ownerId: 'u1' }, { maxBytes: 1024 })).rejects.toThrow('client went away');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('never keeps originals inside a served folder (portfolios/, public/, dist/)', () => {
    expect(() => assertPrivateDir('/srv/healed/public/originals', ['/srv/healed/public'])).toThrow(/served publicly: set DATA_DIR/);
    expect(() => assertPrivateDir('/srv/healed/portfolios', ['/srv/healed/portfolios'])).toThrow(/served publicly/);
    expect(() => assertPrivateDir('/srv/healed/data/originals', ['/srv/healed/public', '/srv/healed/portfolios'])).not.toThrow();
    expect(() => assertPrivateDir('/srv/healed/public-data/originals', ['/srv/healed/public'])).not.toThrow();
    expect(() => createStorage({ dataDir: '/srv/healed/portfolios/data', portfoliosDir: '/srv/healed/portfolios', storage: { driver: 'local' } }, '/srv/healed')).toThrow(/inside \/srv\/healed\/portfolios/);
  });

  it('picks the driver from config and refuses unknown ones', () => {
    const base = { dataDir: path.join(root, 'data'), portfoliosDir: path.join(root, 'portfolios') };
    expect(createStorage({ ...base, storage: { driver: 'local' } }).driver).toBe('local');
    const token = Buffer.from(JSON.stringify({ apiKey: 'sk_test_x', appId: 'app', regions: ['sea1'] })).toString('base64');
    expect(createStorage({ ...base, storage: { driver: 'uploadthing', token } }).driver).toBe('uploadthing');
    expect(() => createStorage({ ...base, storage: { driver: 's3' } as never })).toThrow(/Storage driver "s3" is not known/);
  });
});
