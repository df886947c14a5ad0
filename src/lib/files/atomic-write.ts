import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** How a file is written. */
export interface AtomicWriteOptions {
  /** Permissions of the new file (default 0o644; private files 0o600). */
  mode?: number;
  /**
   * Flush to disk before the rename commits it: for files that are the only copy of something
   * (originals, masters, published YAML). Derived files (variants) skip it: after a power cut they
   * are simply made again.
   */
  sync?: boolean;
}

/**
 * Writes a file so readers see either the old one, or nothing, or all of the new one: `write`
 * fills a temp file beside it, which is then renamed over it (atomic on one file system). The
 * temp name starts with a dot and ends in `.tmp`, so it never matches a name the folder's readers
 * look for; on any failure it is removed. Returns what `write` returned.
 */
export async function writeAtomic<T>(file: string, write: (handle: FileHandle) => Promise<T>, options: AtomicWriteOptions = {}): Promise<T> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  let closed = false;
  try {
    const result = await write(handle);
    if (options.sync) await handle.sync();
    await handle.close();
    closed = true;
    await rename(temp, file);
    return result;
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

/** `writeAtomic` for bytes or text already in memory. */
export function writeFileAtomic(file: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  return writeAtomic(file, (handle) => handle.writeFile(data), options);
}
