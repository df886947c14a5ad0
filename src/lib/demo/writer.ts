import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { caseSchema, practitionerSchema } from '../content/schema.ts';
import { folderNamePattern } from '../content/vocabulary.ts';
import { toCaseYaml } from './case-yaml.ts';
import { createPooledSource, createRenderedSource, type PhotoSource } from './photo-source.ts';
import type { DemoSet } from './types.ts';

/** Where and how to write a demo set. */
export interface WriteDemoOptions {
  /** Portfolios folder; other folders in it are left alone. */
  out: string;
  /** Master size (default 1600×1200) and JPEG quality (default 60). */
  width?: number;
  height?: number;
  quality?: number;
  /** Above this many photos, images come from a pool of 30 hard-linked renders (default 300). */
  distinctPhotoLimit?: number;
  /** Called after each case. */
  onProgress?: (done: { cases: number; photos: number }) => void;
}

/** What a run wrote. `bytes` counts every file; pooled images are hard links, so disk use is lower. */
export interface DemoSummary { practitioners: number; cases: number; photos: number; bytes: number; images: number; imageBytes: number }

const yamlHeader = '# Demo content from `npm run demo`: a fictional practitioner with synthetic photos.\n';
// Scratch folders start with a dot so content loaders skip them; the pid tells runs apart.
const scratchPattern = /^\.demo-(.+)\.(tmp|old)-(\d+)$/;

/**
 * Writes each practitioner into a scratch folder inside `out`, then renames it into place, so an
 * interrupted run never leaves a half-written practitioner behind.
 */
export async function writeDemo(set: DemoSet, options: WriteDemoOptions): Promise<DemoSummary> {
  const { out, width = 1600, height = 1200, quality = 60, distinctPhotoLimit = 300 } = options;
  validateAll(set); // a generator bug fails here, before anything is written
  await mkdir(out, { recursive: true });
  await removeStaleScratch(out);

  const totalPhotos = set.practitioners.reduce((n, p) => n + p.cases.reduce((m, c) => m + c.photos.length, 0), 0);
  const size = { width, height, quality };
  const pooled = totalPhotos > distinctPhotoLimit;
  const source: PhotoSource = pooled
    ? createPooledSource(size, path.join(out, `.demo-pool.tmp-${process.pid}`), set.options.seed)
    : createRenderedSource(size);
  const summary = { practitioners: 0, cases: 0, photos: 0, bytes: 0, images: 0, imageBytes: 0 };
  try {
    for (const practitioner of set.practitioners) {
      const scratch = path.join(out, `.demo-${practitioner.slug}.tmp-${process.pid}`);
      await rm(scratch, { recursive: true, force: true });
      try {
        summary.bytes += await writeYaml(path.join(scratch, 'practitioner.yaml'), practitionerSchema, practitioner.data);
        // A few cases at a time: one case's pixels are computed while another's JPEGs encode.
        await forEachLimit(practitioner.cases, pooled ? 16 : 3, async (demoCase) => {
          const folder = path.join(scratch, 'cases', demoCase.id);
          await mkdir(folder, { recursive: true });
          const placed = await Promise.all(demoCase.photos.map((photo) => source.place(photo.image, path.join(folder, photo.entry.file))));
          const hashes = new Map(demoCase.photos.map((photo, i) => [photo.entry.file, placed[i]]));
          const yamlBytes = await writeYaml(path.join(folder, 'case.yaml'), caseSchema, toCaseYaml(demoCase, (file) => hashes.get(file) ?? { sha256: '' }));
          // Counters change only after the last await, so concurrent cases never lose an update.
          summary.bytes += yamlBytes + placed.reduce((n, p) => n + p.bytes, 0);
          summary.cases++;
          summary.photos += placed.length;
          options.onProgress?.({ cases: summary.cases, photos: summary.photos });
        });
        await swapIntoPlace(scratch, path.join(out, practitioner.slug), practitioner.slug);
      } catch (error) {
        await rm(scratch, { recursive: true, force: true });
        throw error;
      }
      summary.practitioners++;
    }
  } finally {
    await source.dispose();
  }
  return { ...summary, images: source.rendered.images, imageBytes: source.rendered.bytes };
}

/** Checks every folder name and yaml object against the content schemas, hashes aside. */
function validateAll(set: DemoSet): void {
  const placeholder = '0'.repeat(64);
  for (const practitioner of set.practitioners) {
    if (!folderNamePattern.test(practitioner.slug)) throw new Error(`demo: bad practitioner slug ${practitioner.slug}`);
    practitionerSchema.parse(practitioner.data);
    for (const demoCase of practitioner.cases) {
      if (!folderNamePattern.test(demoCase.id)) throw new Error(`demo: bad case id ${demoCase.id}`);
      caseSchema.parse(toCaseYaml(demoCase, () => ({ sha256: placeholder })));
    }
  }
}

/** Validates `data` with `schema` (throws with zod's message), then writes it as YAML. */
async function writeYaml(file: string, schema: { parse(data: unknown): unknown }, data: object): Promise<number> {
  schema.parse(data);
  const text = yamlHeader + stringify(data, { lineWidth: 0 });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return Buffer.byteLength(text);
}

/** Replaces `final` with `scratch`: two renames, so a reader sees the old folder or the new one. */
async function swapIntoPlace(scratch: string, final: string, slug: string): Promise<void> {
  const old = path.join(path.dirname(final), `.demo-${slug}.old-${process.pid}`);
  const existed = await exists(final);
  if (existed) await rename(final, old);
  await rename(scratch, final);
  if (existed) await rm(old, { recursive: true, force: true });
}

/**
 * Cleans up after demo runs that died mid-way: half-written folders go, and a practitioner caught
 * between the two renames of `swapIntoPlace` gets its previous folder back.
 */
async function removeStaleScratch(out: string): Promise<void> {
  for (const name of await readdir(out)) {
    const [, slug, kind, pid] = scratchPattern.exec(name) ?? [];
    if (!pid || isRunning(Number(pid))) continue;
    const final = path.join(out, slug);
    if (kind === 'old' && folderNamePattern.test(slug) && !(await exists(final))) await rename(path.join(out, name), final);
    else await rm(path.join(out, name), { recursive: true, force: true });
  }
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `task` over `items` with at most `limit` in flight; the first failure rejects. */
async function forEachLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
