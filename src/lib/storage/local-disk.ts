import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../files/index.ts';
import { consumeWithLimit } from './stream-limit.ts';
import {
  InvalidStorageKeyError, OriginalNotFoundError, type OriginalMeta, type OriginalSource, type OriginalStorage, type PutOriginalOptions, type StoredOriginal,
} from './types.ts';

/** Options of `createLocalDiskStorage`. */
export interface LocalDiskStorageOptions {
  /** Folder of the originals; the server uses `<DATA_DIR>/originals`. */
  dir: string;
  /** Folders the web server serves (public/, portfolios/, dist/): `dir` must be outside all of them. */
  servedDirs?: string[];
}

// 128 random bits as lowercase hex: unguessable, and the only shape a key may have. Checked before
// any path is built, so `..`, slashes, NUL bytes or encoded dots can never reach the file system.
const localKey = /^[0-9a-f]{32}$/;

/**
 * Refuses to keep originals inside a folder that is served over HTTP: they carry GPS and device
 * serials, and a served folder would publish them. Exported so the check is tested on its own.
 */
export function assertPrivateDir(dir: string, servedDirs: string[]): void {
  const resolved = path.resolve(dir);
  for (const served of servedDirs) {
    const relative = path.relative(path.resolve(served), resolved);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
      throw new Error(`Originals folder ${resolved} is inside ${path.resolve(served)}, which is served publicly: set DATA_DIR to a folder outside it (default ./data).`);
    }
  }
}

/**
 * Originals on local disk: `<dir>/<first 2 hex of key>/<key>`, written to a temp file beside the
 * final one and renamed into place, so a reader sees a whole file or none. Files are 0600.
 */
export function createLocalDiskStorage(options: LocalDiskStorageOptions): OriginalStorage {
  const dir = path.resolve(options.dir);
  assertPrivateDir(dir, options.servedDirs ?? []);
  const isKey = (key: string) => localKey.test(key);
  const fileOf = (key: string) => {
    if (!isKey(key)) throw new InvalidStorageKeyError(key, 'local');
    return path.join(dir, key.slice(0, 2), key);
  };

  // The owner is recorded by the database with the key; the file itself carries nothing but bytes.
  async function putOriginal(source: OriginalSource, _meta: OriginalMeta, { maxBytes }: PutOriginalOptions): Promise<StoredOriginal> {
    const key = randomBytes(16).toString('hex');
    const file = fileOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Originals are the only copy of a practitioner's upload: flushed before the rename commits it.
    // The temp file is dot-prefixed, so it can never match the key pattern nor be read as an original.
    const { size, sha256 } = await writeAtomic(file, (handle) => consumeWithLimit(source, maxBytes, async (chunk) => void (await handle.write(chunk))), { mode: 0o600, sync: true });
    return { key, size, sha256 };
  }

  async function readOriginal(key: string): Promise<Uint8Array> {
    const file = fileOf(key);
    try {
      return await readFile(file);
    } catch (error) {
      if (isMissing(error)) throw new OriginalNotFoundError(key);
      throw new Error(`Cannot read original ${key} from ${dir}: check the folder's permissions.`, { cause: error });
    }
  }

  async function deleteOriginal(key: string): Promise<void> {
    await rm(fileOf(key), { force: true });
  }

  async function exists(key: string): Promise<boolean> {
    try {
      return (await stat(fileOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  return { driver: 'local', putOriginal, readOriginal, deleteOriginal, exists, isKey };
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
