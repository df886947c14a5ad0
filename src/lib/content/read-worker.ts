import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openParseCache, type ParseCache } from '../db/parse-cache.ts';
import { healedRank, type HealedRank } from '../trust/index.ts';
import { readCase, readPractitioner, type CaseRead, type PractitionerRead, type ReadOptions } from './read-portfolios.ts';

/** One file of portfolios/ for a reader to read and validate. */
export type ReadJob = { kind: 'case'; slug: string; id: string } | { kind: 'practitioner'; slug: string };

/** What a reader is started with. */
export interface ReaderData {
  /** Marks the thread as a content reader (see the start below). */
  role: 'healed-content-reader';
  portfoliosDir: string;
  /** DATA_DIR of the parse cache, if the reads use one. */
  cacheDir?: string;
  options: Pick<ReadOptions, 'today' | 'displayRoot'>;
}

/**
 * Where a reader's code is: this module. In the built server it is the chunk this module was
 * bundled into (which holds the content code it needs), from sources the .ts file itself.
 */
export const readerModule = new URL(import.meta.url);

/**
 * A case as a reader answers it: read as the main thread would, and ranked for listings here
 * (`healedRank`), where the case is at hand: the main thread then has no ~0.3 s of ranking to do
 * before the first listing of a 100k-case start answers.
 */
export type ReaderCaseRead = CaseRead & { rank?: HealedRank };

/** Reads a batch of jobs, exactly as the main thread would (`readCase`, `readPractitioner`). */
async function readBatch(jobs: readonly ReadJob[], data: ReaderData, cache?: ParseCache): Promise<(ReaderCaseRead | PractitionerRead)[]> {
  const options: ReadOptions = { ...data.options, cache, onReaderThread: true };
  const reads = [];
  for (const job of jobs) {
    if (job.kind === 'practitioner') reads.push(await readPractitioner(data.portfoliosDir, job.slug, options));
    else {
      const read: ReaderCaseRead = await readCase(data.portfoliosDir, job.slug, job.id, options);
      if (read.kase) read.rank = healedRank(read.kase);
      reads.push(read);
    }
  }
  return reads;
}

/**
 * Gives this thread the lowest CPU priority. A first start's readers write their parse-cache rows
 * (~1 s each at 100k cases) right when the main thread renders the first galleries: at the lowest
 * priority they take only what it leaves. Linux names a thread by its id (the last part of
 * /proc/thread-self); elsewhere the priority is left as it is.
 */
export function lowerOwnPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // Not Linux, or no /proc: the rows are written at normal priority.
  }
}

/** Serves batches until the main thread ends this worker. */
function serve(data: ReaderData): void {
  let cache: ParseCache | undefined;
  try {
    cache = data.cacheDir ? openParseCache(data.cacheDir) : undefined;
  } catch {
    cache = undefined; // derived data: without it, every folder is parsed
  }
  parentPort!.on('message', (jobs: ReadJob[] | 'close') => {
    // The read is over: the parse-cache rows held through it are written now, at the lowest priority.
    if (jobs === 'close') {
      lowerOwnPriority();
      cache?.close();
      return parentPort!.close();
    }
    // A batch that fails here (it should not) is answered "not read": the main thread reads it.
    void readBatch(jobs, data, cache).then((reads) => parentPort!.postMessage(reads), () => parentPort!.postMessage(jobs.map(() => undefined)));
  });
}

// Importing this module starts a reader only on a thread started as one (folder-pool.ts): on the
// main thread, and in any other worker, it defines the functions above and does nothing.
if (!isMainThread && (workerData as Partial<ReaderData> | undefined)?.role === 'healed-content-reader') serve(workerData as ReaderData);
