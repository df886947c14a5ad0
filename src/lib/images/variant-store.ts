import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isMissing, readManifest, readManifestSync, writeAtomic } from './disk.ts';
import type { EncodedImage } from './encode.ts';
import { contentTypes, isSha256, manifestFileName, parseVariantFileName, variantFileName } from './file-name.ts';
import { createEncodePool } from './pool.ts';
import { defaultRecipe, recipeIdOf } from './recipe.ts';
import type { EnsureReport, MasterRef, PhotoVariants, VariantFile, VariantRecipe, VariantStore } from './types.ts';

/**
 * Time this thread spends reading manifests before the event loop gets a turn (`load`): a page
 * being answered meanwhile waits at most about this long.
 */
const loadSliceMs = 8;
/** A manifest read slower than this came from disk, not the page cache (~15 µs). */
const coldReadMs = 0.04;
/** Manifests read at once through the thread pool when they come from disk, and how many before trying here again. */
const coldReadsAtOnce = 16;
const coldChunk = 4096;

/** Options of `createVariantStore`. */
export interface VariantStoreOptions {
  /** Folder of the store; the server uses `<DATA_DIR>/variants`. */
  dir: string;
  /** Photos encoded at once, one worker thread each (default: every core). */
  workers?: number;
  /** The recipe to make (default: `defaultRecipe`). */
  recipe?: VariantRecipe;
}

/**
 * The disk variant store. Layout: `<dir>/<first 2 hex of sha256>/<sha256>.<recipeId>.<width>.<ext>`
 * plus `<sha256>.<recipeId>.json`, the manifest, written last so its presence means "complete".
 */
export function createVariantStore(options: VariantStoreOptions): VariantStore {
  const dir = path.resolve(options.dir);
  const recipe = options.recipe ?? defaultRecipe;
  const recipeId = recipeIdOf(recipe);
  const workers = Math.max(1, options.workers ?? os.availableParallelism());
  // Manifests never change once written (content-addressed), so found ones stay memoized; misses
  // are not, because another process (the build, a publish) may make the set at any time.
  const memo = new Map<string, PhotoVariants>();
  /**
   * A manifest as the memo keeps it, sharing what most manifests repeat: the map key's sha256,
   * the store's recipe id, and one frozen array per distinct list of widths or formats (few:
   * heights follow each photo's shape and stay its own). 100k manifests read from disk held
   * ~70 MB of heap; this keeps the memo small at hundreds of thousands of photos.
   */
  const lists = new Map<string, readonly (number | string)[]>();
  const shared = <T extends number | string>(list: T[]): T[] => {
    const key = list.join(',');
    let known = lists.get(key);
    if (!known) lists.set(key, (known = Object.freeze(list.slice())));
    return known as T[];
  };
  const remember = (sha256: string, found: PhotoVariants): PhotoVariants => {
    const kept = { ...found, sha256, recipeId, widths: shared(found.widths), formats: shared(found.formats) };
    memo.set(sha256, kept);
    return kept;
  };
  // Fan-out by the first byte keeps folders small enough for any file system.
  const folderOf = (sha256: string) => path.join(dir, sha256.slice(0, 2));
  const manifestOf = (sha256: string) => path.join(folderOf(sha256), manifestFileName(sha256, recipeId));

  async function get(sha256: string): Promise<PhotoVariants | undefined> {
    if (!isSha256(sha256)) return undefined;
    const known = memo.get(sha256);
    if (known) return known;
    const found = await readManifest(manifestOf(sha256), sha256, recipeId);
    return found && remember(sha256, found);
  }

  /**
   * Reads the manifests of these photos that are not memoized yet. In the page cache (the usual
   * case) they are read on this thread, in slices of ~8 ms: ~10 µs each, where the thread pool
   * (`get`) takes four trips per file (100k manifests: 0.8–1.0 s instead of ~4.5 s; at 369k
   * distinct photos the variant check and the search build kept the pool busy ~25 s at start).
   * A slice that finds them coming from disk (~0.1 ms each, one at a time: 100k took 9 s) hands
   * the next `coldChunk` to `coldReadsAtOnce` reads through the pool, which the disk answers
   * together (100k: 4.7 s; 4.1 s when every read went through the pool).
   */
  async function load(sha256s: Iterable<string>): Promise<void> {
    const todo = [...new Set(sha256s)].filter((sha256) => isSha256(sha256) && !memo.has(sha256));
    const readHere = (sha256: string) => {
      const found = readManifestSync(manifestOf(sha256), sha256, recipeId);
      if (found) remember(sha256, found);
    };
    for (let at = 0; at < todo.length; ) {
      const [started, from] = [performance.now(), at];
      while (at < todo.length && performance.now() - started < loadSliceMs) readHere(todo[at++]!);
      const perReadMs = (performance.now() - started) / (at - from);
      await new Promise((resolve) => setImmediate(resolve));
      if (perReadMs < coldReadMs) continue;
      const cold = todo.slice(at, (at += coldChunk));
      let next = 0;
      await Promise.all(Array.from({ length: coldReadsAtOnce }, async () => {
        while (next < cold.length) await get(cold[next++]!);
      }));
    }
  }

  async function save(sha256: string, image: EncodedImage): Promise<void> {
    const folder = folderOf(sha256);
    await mkdir(folder, { recursive: true });
    for (const variant of image.variants) {
      await writeAtomic(path.join(folder, variantFileName(sha256, recipeId, variant.width, variant.format)), variant.body);
    }
    const widths = [...new Set(image.variants.map((v) => v.width))].sort((a, b) => a - b);
    const manifest: PhotoVariants = {
      sha256,
      recipeId,
      width: image.width,
      height: image.height,
      placeholder: image.placeholder,
      widths,
      heights: widths.map((w) => image.variants.find((v) => v.width === w)!.height),
      formats: recipe.formats.map((f) => f.format),
    };
    // Last, and atomically: a manifest on disk promises that every file above is complete.
    await writeAtomic(manifestOf(sha256), `${JSON.stringify(manifest, null, 2)}\n`);
    remember(sha256, manifest);
  }

  async function ensure(masters: MasterRef[], { onProgress }: { onProgress?: (done: number, total: number) => void } = {}): Promise<EnsureReport> {
    const report: EnsureReport = { made: 0, cached: 0, failed: [] };
    // The same photo may appear in several cases: encode it once.
    const unique = [...new Map(masters.map((m) => [m.sha256, m])).values()];
    let done = 0;
    const tick = () => onProgress?.(++done, unique.length);
    const named: MasterRef[] = [];
    for (const master of unique) {
      if (isSha256(master.sha256)) named.push(master);
      else {
        report.failed.push({ path: master.path, message: `sha256 ${JSON.stringify(master.sha256)} is not a 64-character lowercase hex SHA-256; run \`npm run check\`` });
        tick();
      }
    }
    // Which photos have their variants: their manifests, read in slices (`load`).
    await load(named.map((master) => master.sha256));
    const ready = named.map((master) => memo.has(master.sha256));
    for (const found of ready) if (found) (report.cached++, tick());
    const todo = named.filter((_, at) => !ready[at]);
    if (todo.length === 0) return report;
    const pool = createEncodePool(Math.min(workers, todo.length));
    try {
      await Promise.all(todo.map(async (master) => {
        const outcome = await pool.run({ master, recipe });
        try {
          if (outcome.status === 'failed') report.failed.push({ path: master.path, message: outcome.message });
          else {
            await save(master.sha256, outcome.image);
            report.made++;
          }
        } catch (error) {
          report.failed.push({ path: master.path, message: `cannot write variants of ${master.path} to ${dir}: ${(error as Error).message}` });
        }
        tick();
      }));
    } finally {
      await pool.close();
    }
    return report;
  }

  async function read(fileName: string): Promise<VariantFile | undefined> {
    // The strict name is the whole security boundary: no `..`, no `/`, no encoded dots can pass it.
    const parsed = parseVariantFileName(fileName);
    if (!parsed) return undefined;
    try {
      const body = await readFile(path.join(folderOf(parsed.sha256), fileName));
      return { body, contentType: contentTypes[parsed.format] };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new Error(`cannot read variant ${fileName} from ${dir}`, { cause: error });
    }
  }

  async function remove(sha256: string): Promise<void> {
    if (!isSha256(sha256)) throw new RangeError(`remove(): ${JSON.stringify(sha256)} is not a lowercase hex SHA-256`);
    memo.delete(sha256);
    let names: string[];
    try {
      names = await readdir(folderOf(sha256));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    const own = names.filter((n) => n.startsWith(`${sha256}.`) || n.startsWith(`.${sha256}.`));
    const drop = (list: string[]) => Promise.all(list.map((n) => rm(path.join(folderOf(sha256), n), { force: true })));
    // Manifests first: once they are gone no reader trusts the set, then its files can go.
    await drop(own.filter((n) => n.endsWith('.json')));
    await drop(own.filter((n) => !n.endsWith('.json')));
  }

  return { recipeId, get, peek: (sha256) => memo.get(sha256), load, ensure, read, remove };
}
