import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { writeFileAtomic } from '../files/index.ts';

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

/** The folder a case whose client declined is kept in while a moderator reviews it (dot: unseen by readers). */
const heldName = (caseId: string) => `.held-${caseId}`;

/**
 * Updates a live case folder so readers see the old case or the new one, never a mix: files it
 * does not hold yet are added first (each written beside it and renamed in), then `case.yaml` is
 * replaced in one rename. Only additions: a file it already holds must have the same bytes.
 * Idempotent: run again, it finds everything in place ('present').
 */
export async function updateCaseFolder(portfoliosDir: string, slug: string, caseId: string, files: FolderFiles): Promise<'written' | 'present'> {
  const dir = path.join(casesDirOf(portfoliosDir, slug), caseId);
  if (!(await exists(dir))) throw new Error(`${dir} is missing: the case is not live (withdrawn, or hidden while a moderator reviews it)`);
  // Temp files of an update a crash interrupted: never named in case.yaml, so safe to remove.
  await Promise.all((await readdir(dir)).filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })));
  let changed = false;
  const yaml = files.get('case.yaml');
  for (const [name, bytes] of files) {
    if (name === 'case.yaml') continue;
    const target = path.join(dir, name);
    if (await exists(target)) {
      if (!Buffer.from(await readFile(target)).equals(Buffer.from(bytes))) throw new Error(`${target} already exists with other content: the follow-up's photo cannot take its name`);
      continue;
    }
    await writeFileAtomic(target, bytes, { sync: true });
    changed = true;
  }
  if (yaml && !Buffer.from(await readFile(path.join(dir, 'case.yaml'))).equals(Buffer.from(yaml))) {
    await writeFileAtomic(path.join(dir, 'case.yaml'), yaml, { sync: true });
    changed = true;
  }
  return changed ? 'written' : 'present';
}

/** The parsed `case.yaml` of a live case folder as plain data (dates stay text), or undefined. */
export async function readCaseYamlData(portfoliosDir: string, slug: string, caseId: string): Promise<Record<string, unknown> | undefined> {
  try {
    const data = parseYaml(await readFile(path.join(casesDirOf(portfoliosDir, slug), caseId, 'case.yaml'), 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Hides a live case (its client declined) by renaming its folder to `.held-<caseId>`: gone for
 * readers at once, kept whole for the moderator's decision. Idempotent.
 */
export async function holdCaseFolder(portfoliosDir: string, slug: string, caseId: string): Promise<'held' | 'already'> {
  const casesDir = casesDirOf(portfoliosDir, slug);
  if (!(await exists(path.join(casesDir, caseId)))) return 'already';
  await rename(path.join(casesDir, caseId), path.join(casesDir, heldName(caseId)));
  return 'held';
}

/** Puts a held case back (the moderator restored it). Idempotent. */
export async function releaseCaseFolder(portfoliosDir: string, slug: string, caseId: string): Promise<'released' | 'already'> {
  const casesDir = casesDirOf(portfoliosDir, slug);
  if (!(await exists(path.join(casesDir, heldName(caseId))))) return 'already';
  await rename(path.join(casesDir, heldName(caseId)), path.join(casesDir, caseId));
  return 'released';
}

/** Deletes a held case's folder (the moderator withdrew it instead). */
export async function removeHeldCaseFolder(portfoliosDir: string, slug: string, caseId: string): Promise<void> {
  await rm(path.join(casesDirOf(portfoliosDir, slug), heldName(caseId)), { recursive: true, force: true });
}

/**
 * A case hidden while a moderator reviews its client's decline, found by id across portfolios:
 * its practitioner and its photos' SHA-256s (what a withdrawal needs), or undefined.
 */
export async function findHeldCase(portfoliosDir: string, caseId: string): Promise<{ practitionerSlug: string; photos: Array<{ sha256: string }> } | undefined> {
  let slugs: string[];
  try {
    slugs = (await readdir(portfoliosDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return undefined;
  }
  for (const slug of slugs) {
    const data = await readCaseYamlData(portfoliosDir, slug, heldName(caseId));
    if (!data) continue;
    const photos = Array.isArray(data.photos) ? (data.photos as Array<{ sha256?: unknown }>) : [];
    return { practitionerSlug: slug, photos: photos.flatMap((p) => (typeof p.sha256 === 'string' ? [{ sha256: p.sha256 }] : [])) };
  }
  return undefined;
}
