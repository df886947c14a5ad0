import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PortfolioFolder } from './read-portfolios.ts';

/** What one prefetcher is given: its share of folders, in the order they will be read. */
export interface PrefetchData {
  dirs: string[];
  /** What is asked for each folder (`PrefetchReads`). */
  reads: PrefetchReads;
  /** Folders per step; a step read mostly from the page cache ends the prefetcher (with `stopWhenCached`). */
  step: number;
  stopWhenCached: boolean;
}

/**
 * What a reader will ask of the disk for each folder: a case folder's stat, listing and case.yaml
 * (a first start parses it); only the stats of the folder and its case.yaml (a restart, whose
 * parse cache holds the folder: its stamp is all that is read); or a practitioner's folder: its
 * `cases/` listing and practitioner.yaml (every start reads both, before any case).
 */
export type PrefetchReads = 'case-folder' | 'case-stamps' | 'practitioner-folder';

/** What a prefetcher did: folders it asked for, and whether it stopped because they were cached. */
export interface PrefetcherReport { folders: number; foundCached: boolean }

/**
 * A prefetcher's whole code, run as the source of an eval'd worker (so starting one loads no
 * module: ~10 ms, not the ~50 ms of a reader). Self-contained: it may use nothing from outside.
 * Exported for its tests only.
 */
export function prefetch({ dirs, reads, step, stopWhenCached }: PrefetchData): PrefetcherReport {
  // Not `require` or `import`: a bundler rewrites those, and this source runs outside the bundle.
  const fs = process.getBuiltinModule('node:fs');
  // Bytes this thread had read from storage (not from the page cache); undefined where Linux's
  // per-thread I/O accounting is missing. Timing a step cannot tell a cached step from a cold one:
  // with 11 threads on 2 cores a cached step waits as long for the CPU as a cold one for the disk.
  const fromDisk = () => {
    try {
      return Number(/read_bytes:\s*(\d+)/.exec(fs.readFileSync('/proc/thread-self/io', 'utf8'))?.[1]);
    } catch {
      return undefined;
    }
  };
  for (let at = 0; at < dirs.length; at += step) {
    const before = fromDisk();
    for (const dir of dirs.slice(at, at + step)) {
      try {
        if (reads === 'practitioner-folder') {
          fs.readdirSync(`${dir}/cases`);
          fs.readFileSync(`${dir}/practitioner.yaml`);
          continue;
        }
        fs.statSync(dir);
        if (reads === 'case-folder') (fs.readdirSync(dir), fs.readFileSync(`${dir}/case.yaml`));
        else fs.statSync(`${dir}/case.yaml`);
      } catch {
        // A folder gone or unreadable: its reader reports it.
      }
    }
    // Mostly cached (a warm start, or the readers got here first): under one 4 KB block from disk
    // per four folders; for stats alone (16 inodes to a block, read ahead together), under one
    // block in the step. Without the accounting, one step and done.
    const read = before === undefined ? undefined : (fromDisk() ?? before) - before;
    const cold = reads === 'case-stamps' ? 4096 : (step / 4) * 4096;
    if (stopWhenCached && (read === undefined || !(read >= cold))) return { folders: Math.min(at + step, dirs.length), foundCached: true };
  }
  return { folders: dirs.length, foundCached: false };
}

/** Folders per step: after each, a prefetcher checks how much of it came from disk. */
const step = 64;

/** Up to one step's worth of `items`, evenly spread over them. */
function spread<T>(items: readonly T[]): T[] {
  const count = Math.min(step, items.length);
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** Options of `prefetchCaseFolders`. */
export interface PrefetchOptions {
  /** Prefetchers (default 8: reads the disk answers at once, each thread ~10 ms to start). */
  threads?: number;
  /** End a prefetcher after a step found mostly in the page cache (default; tests turn it off). */
  stopWhenCached?: boolean;
}

/** Options of `prefetchCaseFolders`. */
export interface CaseFolderPrefetchOptions extends PrefetchOptions {
  /** Only the stamps (stats) are read: the parse cache holds the folders (a restart). */
  stampsOnly?: boolean;
}

/**
 * Warms the kernel's caches for the start-up read when portfolios/ is on disk but not in memory
 * (a machine just booted, a new instance on a fresh volume). Each reader thread waits for one file
 * at a time, so cold files made a 100k-case start take ~20 s instead of ~6 s; prefetchers ask the
 * disk for the same folders ahead of them, several at once (~11 s). None is started when a sample
 * of the folders is found in the page cache (a warm start pays ~2 ms), and each stops after a step
 * found mostly there. The server does not wait for them; the result says what each did
 * (`undefined` for one that failed; none started: empty).
 */
export function prefetchCaseFolders(portfoliosDir: string, folders: readonly PortfolioFolder[], options: CaseFolderPrefetchOptions = {}): Promise<(PrefetcherReport | undefined)[]> {
  const dirOf = (slug: string, id: string) => path.join(portfoliosDir, slug, 'cases', id);
  const total = folders.reduce((n, { ids }) => n + ids.length, 0);
  // A case folder of practitioners from all over portfolios/ (all 100k paths only when needed).
  const sample = spread(folders).flatMap(({ slug, ids }) => (ids.length ? [dirOf(slug, ids[ids.length >> 1]!)] : []));
  return runPrefetchers(total, sample, () => folders.flatMap(({ slug, ids }) => ids.map((id) => dirOf(slug, id))), options.stampsOnly ? 'case-stamps' : 'case-folder', options);
}

/**
 * The same for what comes before the case folders: each practitioner's `cases/` folder, listed
 * ahead of the main thread's walk (8,334 of them at 100k cases: 1.7 s one after another from
 * disk), and their practitioner.yaml, which the readers read first (one at a time each, from disk
 * they held back a cold start's case folders by ~1 s).
 */
export function prefetchPractitionerFolders(portfoliosDir: string, slugs: readonly string[], options: PrefetchOptions = {}): Promise<(PrefetcherReport | undefined)[]> {
  const dirOf = (slug: string) => path.join(portfoliosDir, slug);
  const sample = spread(slugs).map(dirOf);
  return runPrefetchers(slugs.length, sample, () => slugs.map(dirOf), 'practitioner-folder', options);
}

/**
 * Reads `sample` here; when it came from the page cache, so will the rest, and no thread is
 * started (starting 8 cost a warm start ~1 s of its 2 cores in bench:scale; this costs ~2 ms).
 * Otherwise `threads` prefetchers take interleaved steps of `dirs()`, in order.
 */
function runPrefetchers(count: number, sample: string[], dirs: () => string[], reads: PrefetchReads, { threads = 8, stopWhenCached = true }: PrefetchOptions): Promise<(PrefetcherReport | undefined)[]> {
  // A small portfolio: not worth a thread.
  if (count < step * threads) return Promise.resolve([]);
  if (prefetch({ dirs: sample, reads, step, stopWhenCached }).foundCached) return Promise.resolve([]);
  const all = dirs();
  const source = `const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');\nparentPort.postMessage((${prefetch.toString()})(workerData));`;
  return Promise.all(Array.from({ length: threads }, (_, t) => {
    // Interleaved steps, in read order: prefetcher t takes steps t, t + threads, t + 2 × threads…
    const share: string[] = [];
    for (let at = t * step; at < all.length; at += threads * step) share.push(...all.slice(at, at + step));
    const worker = new Worker(source, { eval: true, workerData: { dirs: share, reads, step, stopWhenCached } satisfies PrefetchData, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    worker.unref();
    return new Promise<PrefetcherReport | undefined>((resolve) => {
      worker.once('message', resolve);
      // Attached at once: a worker error with no listener would end the process.
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
  }));
}
