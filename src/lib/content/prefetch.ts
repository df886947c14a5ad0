import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PortfolioFolder } from './read-portfolios.ts';

/** What one prefetcher is given: its share of case folders, in the order the readers read them. */
interface PrefetchData {
  dirs: string[];
  /** Folders per step; a step that takes less than `cachedMicros` a folder ends the prefetcher. */
  step: number;
  cachedMicros: number;
}

/** What a prefetcher did: folders it asked for, and whether it stopped because they were cached. */
export interface PrefetcherReport { folders: number; foundCached: boolean }

/**
 * A prefetcher's whole code, run as the source of an eval'd worker (so starting one loads no
 * module: ~10 ms, not the ~50 ms of a reader). Self-contained: it may use nothing from outside.
 */
function prefetch({ dirs, step, cachedMicros }: PrefetchData): PrefetcherReport {
  // Not `require` or `import`: a bundler rewrites those, and this source runs outside the bundle.
  const fs = process.getBuiltinModule('node:fs');
  for (let at = 0; at < dirs.length; at += step) {
    const started = performance.now();
    for (const dir of dirs.slice(at, at + step)) {
      try {
        // What a reader asks of the disk for a case folder: the folder, its listing, case.yaml.
        fs.statSync(dir);
        fs.readdirSync(dir);
        fs.readFileSync(`${dir}/case.yaml`);
      } catch {
        // A folder gone or unreadable: its reader reports it.
      }
    }
    // In the page cache already (a warm start, or the readers got here first): nothing to win.
    if (((performance.now() - started) * 1000) / step < cachedMicros) return { folders: Math.min(at + step, dirs.length), foundCached: true };
  }
  return { folders: dirs.length, foundCached: false };
}

/** Folders per step: a prefetcher's first step tells whether the files are cached. */
const step = 64;

/** Options of `prefetchCaseFolders`. */
export interface PrefetchOptions {
  /** Prefetchers (default 8: reads the disk answers at once, each thread ~10 ms to start). */
  threads?: number;
  /**
   * Below this many microseconds a folder, a step found the files cached and its prefetcher ends
   * (default 40: a cached folder costs ~10–20 µs of system calls, one read from disk ≥ 100 µs).
   */
  cachedMicros?: number;
}

/**
 * Warms the kernel's caches for the start-up read when portfolios/ is on disk but not in memory
 * (a machine just booted, a new instance on a fresh volume). Each reader thread waits for one file
 * at a time, so cold files made a 100k-case start take ~20 s instead of ~6 s; prefetchers ask the
 * disk for the same folders ahead of them, several at once (~11 s). Each stops at its first step
 * that finds the files cached, so a warm start pays only their start (~10 ms each). The server
 * does not wait for them; the result says what each did (`undefined` for one that failed).
 */
export function prefetchCaseFolders(portfoliosDir: string, folders: readonly PortfolioFolder[], { threads = 8, cachedMicros = 40 }: PrefetchOptions = {}): Promise<(PrefetcherReport | undefined)[]> {
  const dirs = folders.flatMap(({ slug, ids }) => ids.map((id) => path.join(portfoliosDir, slug, 'cases', id)));
  // A small portfolio: not worth a thread.
  if (dirs.length < step * threads) return Promise.resolve([]);
  const source = `const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');\nparentPort.postMessage((${prefetch.toString()})(workerData));`;
  return Promise.all(Array.from({ length: threads }, (_, t) => {
    // Interleaved steps, in read order: prefetcher t takes steps t, t + threads, t + 2 × threads…
    const share: string[] = [];
    for (let at = t * step; at < dirs.length; at += threads * step) share.push(...dirs.slice(at, at + step));
    const worker = new Worker(source, { eval: true, workerData: { dirs: share, step, cachedMicros } satisfies PrefetchData, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    worker.unref();
    return new Promise<PrefetcherReport | undefined>((resolve) => {
      worker.once('message', resolve);
      // Attached at once: a worker error with no listener would end the process.
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
  }));
}
