import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/index.ts';
import { assertPrivateDir } from './local-disk.ts';

/**
 * Private store of the sanitized masters (and their previews) of photos in submissions, under
 * `<DATA_DIR>/masters`. Masters carry no metadata, but a case is private until it is published:
 * nothing here is ever served publicly (previews reach only their owner and admins, through an
 * endpoint that checks). The publisher copies masters from here into `portfolios/`.
 */
export interface MasterStore {
  /** Stores a master and its preview under the master's SHA-256 (checked); a no-op when present. */
  put(photo: { sha256: string; master: Uint8Array; preview: Uint8Array }): Promise<void>;
  /** The master's bytes (JPEG), or undefined. */
  readMaster(sha256: string): Promise<Uint8Array | undefined>;
  /** The preview's bytes (WebP), or undefined. */
  readPreview(sha256: string): Promise<Uint8Array | undefined>;
  /** Whether both the master and its preview are stored. */
  has(sha256: string): Promise<boolean>;
  /** Deletes a master and its preview; deleting a missing one is not an error. */
  remove(sha256: string): Promise<void>;
}

/** Options of `createMasterStore`. */
export interface MasterStoreOptions {
  /** Folder of the store; the server uses `<DATA_DIR>/masters`. */
  dir: string;
  /** Folders the web server serves: `dir` must be outside all of them. */
  servedDirs?: string[];
}

// The only key shape: a lowercase hex SHA-256. Checked before any path is built, so `..`, slashes
// or encoded dots from a URL can never reach the file system.
const masterKey = /^[0-9a-f]{64}$/;

/** The content type of what `readPreview` returns. */
export const previewContentType = 'image/webp';

/** Raised for a key that is not a SHA-256: a bug or a forged value, never a path to follow. */
export class InvalidMasterKeyError extends RangeError {
  readonly code = 'invalid-master-key';
  constructor(key: string) {
    super(`${JSON.stringify(key.slice(0, 80))} is not a master key: use the lowercase hex SHA-256 of the master.`);
    this.name = 'InvalidMasterKeyError';
  }
}

/**
 * The local master store: `<dir>/<first 2 hex>/<sha256>.jpg` and `<sha256>.preview.webp`, each
 * written to a dot-prefixed temp file, flushed and renamed into place (readers see all or nothing).
 */
export function createMasterStore(options: MasterStoreOptions): MasterStore {
  const dir = path.resolve(options.dir);
  assertPrivateDir(dir, options.servedDirs ?? []);
  const folderOf = (sha256: string) => {
    if (!masterKey.test(sha256)) throw new InvalidMasterKeyError(sha256);
    return path.join(dir, sha256.slice(0, 2));
  };
  const masterFile = (sha256: string) => path.join(folderOf(sha256), `${sha256}.jpg`);
  const previewFile = (sha256: string) => path.join(folderOf(sha256), `${sha256}.preview.webp`);

  async function has(sha256: string): Promise<boolean> {
    const [master, preview] = await Promise.all([isFile(masterFile(sha256)), isFile(previewFile(sha256))]);
    return master && preview;
  }

  async function put({ sha256, master, preview }: { sha256: string; master: Uint8Array; preview: Uint8Array }): Promise<void> {
    const actual = createHash('sha256').update(master).digest('hex');
    // Content-addressed: a master stored under another photo's hash would be published as that photo.
    if (actual !== sha256) throw new Error(`master bytes hash to ${actual}, not ${sha256}: refusing to store them under the wrong address`);
    if (await has(sha256)) return;
    await mkdir(folderOf(sha256), { recursive: true, mode: 0o700 });
    // Preview first, master last: a master on disk means the pair is complete. Masters are what
    // gets published: flushed before the rename commits them.
    await writeFileAtomic(previewFile(sha256), preview, { mode: 0o600, sync: true });
    await writeFileAtomic(masterFile(sha256), master, { mode: 0o600, sync: true });
  }

  async function remove(sha256: string): Promise<void> {
    // Master first: without it the pair no longer counts as stored.
    await rm(masterFile(sha256), { force: true });
    await rm(previewFile(sha256), { force: true });
  }

  return {
    put,
    readMaster: async (sha256) => readIfPresent(masterFile(sha256)),
    readPreview: async (sha256) => readIfPresent(previewFile(sha256)),
    has,
    remove,
  };
}

async function readIfPresent(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new Error(`Cannot read ${file}: check the folder's permissions.`, { cause: error });
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
