import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The files of a case folder: name → bytes. */
export type FolderFiles = Map<string, Uint8Array>;

/** `portfolios/<slug>/cases`. */
export const casesDirOf = (portfoliosDir: string, slug: string) => path.join(portfoliosDir, slug, 'cases');

/** Removes folders in `dir` whose names start with `prefix` (leftovers of an interrupted write or delete). */
async function removeLeftovers(dir: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}

/** Whether the folder holds exactly these files with these bytes. */
async function sameFiles(dir: string, files: FolderFiles): Promise<boolean> {
  const names = (await readdir(dir)).sort();
  if (names.join('\n') !== [...files.keys()].sort().join('\n')) return false;
  for (const [name, bytes] of files) {
    if (!Buffer.from(await readFile(path.join(dir, name))).equals(Buffer.from(bytes))) return false;
  }
  return true;
}

/**
 * Writes a case folder all at once: every file into `.tmp-<caseId>-<random>` (flushed), then one
 * rename to `<caseId>`. Readers (the content loader skips dot-folders) see no case or a whole one.
 * Idempotent: a folder already holding the same bytes is done; one holding others is refused.
 */
export async function writeCaseFolder(portfoliosDir: string, slug: string, caseId: string, files: FolderFiles): Promise<'written' | 'present'> {
  const casesDir = casesDirOf(portfoliosDir, slug);
  await mkdir(casesDir, { recursive: true });
  await removeLeftovers(casesDir, `.tmp-${caseId}-`);
  const final = path.join(casesDir, caseId);
  if (await exists(final)) {
    if (await sameFiles(final, files)) return 'present';
    throw new Error(`${final} already exists with other content: another case uses the id ${caseId}; rename or remove that folder.`);
  }
  const temp = path.join(casesDir, `.tmp-${caseId}-${randomBytes(4).toString('hex')}`);
  await mkdir(temp);
  try {
    for (const [name, bytes] of files) {
      const handle = await open(path.join(temp, name), 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return 'written';
}

/** Removes a case folder: renamed to `.trash-<caseId>-…` first (gone for readers at once), then deleted. */
export async function removeCaseFolder(portfoliosDir: string, slug: string, caseId: string): Promise<void> {
  const casesDir = casesDirOf(portfoliosDir, slug);
  const final = path.join(casesDir, caseId);
  if (await exists(final)) await rename(final, path.join(casesDir, `.trash-${caseId}-${randomBytes(4).toString('hex')}`));
  await removeLeftovers(casesDir, `.trash-${caseId}-`);
}
