import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openParseCache, type ParseCache } from '../db/parse-cache.ts';
import { healedRank, type HealedRank } from '../trust/index.ts';
import { readCase, readCaseFromRow, readPractitioner, type CaseRead, type PractitionerRead, type ReadOptions } from './read-portfolios.ts';
import type { ListedCase, PublishedCase } from './types.ts';

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

/**
 * A case as a reader answers it for a listing: only what listings need of it (`ListedCase`) and
 * its rank. Copying whole cases to the main thread (~20 µs a case on both ends, and the main
 * thread's collector promoting every one) was ~2 s of a 100k-case first start's 2 cores.
 */
export type ListingCaseRead = { kase: ListedCase; rank: HealedRank; problems: [] } | { kase: undefined; problems: CaseRead['problems'] };

/** A case a reader parsed while listing, handed on whole once the listing is answered. */
export interface HeldCase { slug: string; id: string; kase: PublishedCase; rank: HealedRank }

/** What a reader is asked: a batch read (whole cases, or listed ones), its held cases, or to end. */
export type ReaderRequest =
  | { kind: 'read'; jobs: readonly ReadJob[]; answer: 'case' | 'listing' }
  | { kind: 'held'; count: number }
  | { kind: 'close' };

/** A case read as a listing takes it: what listings need of the case, and its rank. */
export const listingRead = (read: CaseRead): ListingCaseRead =>
  read.kase
    ? { kase: { id: read.kase.id, practitionerSlug: read.kase.practitionerSlug, treatment: read.kase.treatment, publishedAt: read.kase.publishedAt }, rank: healedRank(read.kase), problems: [] }
    : read;

/** Reads a batch of jobs, exactly as the main thread would (`readCase`, `readPractitioner`). */
async function readBatch(jobs: readonly ReadJob[], answer: 'case' | 'listing', data: ReaderData, cache?: ParseCache): Promise<(ReaderCaseRead | ListingCaseRead | PractitionerRead)[]> {
  const options: ReadOptions = { ...data.options, cache, onReaderThread: true };
  const reads = [];
  for (const job of jobs) {
    if (job.kind === 'practitioner') reads.push(await readPractitioner(data.portfoliosDir, job.slug, options));
    else {
      const read = await readCase(data.portfoliosDir, job.slug, job.id, options);
      if (answer === 'listing') reads.push(listingRead(read));
      else reads.push(read.kase ? ({ ...read, rank: healedRank(read.kase) } satisfies ReaderCaseRead) : read);
    }
  }
  return reads;
}

/**
 * The next `count` valid cases of the parse-cache rows this reader holds (those it parsed while
 * listing), validated again from their JSON (~15 µs a case instead of ~40 for YAML and a folder
 * listing). Invalid ones are skipped: the listing reported them. None left: an empty answer.
 */
function nextHeld(rows: Iterator<[string, string, string]>, count: number, data: ReaderData): HeldCase[] {
  const cases: HeldCase[] = [];
  const options: ReadOptions = { ...data.options, onReaderThread: true };
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const [key, , json] = next.value;
    const { kase, slug, id } = readCaseFromRow(data.portfoliosDir, key, json, options);
    if (kase) cases.push({ slug, id, kase, rank: healedRank(kase) });
    if (cases.length === count) break;
  }
  return cases;
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
  let held: Iterator<[string, string, string]> | undefined;
  parentPort!.on('message', (request: ReaderRequest) => {
    // The read is over: the parse-cache rows held through it are written now, at the lowest priority.
    if (request.kind === 'close') {
      lowerOwnPriority();
      cache?.close();
      return parentPort!.close();
    }
    if (request.kind === 'held') {
      // A row that fails here (it should not) ends the hand-over: the main thread reads what is left.
      try {
        held ??= (cache?.held() ?? [])[Symbol.iterator]();
        return parentPort!.postMessage(nextHeld(held, request.count, data));
      } catch {
        return parentPort!.postMessage([]);
      }
    }
    // A batch that fails here (it should not) is answered "not read": the main thread reads it.
    const { jobs, answer } = request;
    void readBatch(jobs, answer, data, cache).then((reads) => parentPort!.postMessage(reads), () => parentPort!.postMessage(jobs.map(() => undefined)));
  });
}

// Importing this module starts a reader only on a thread started as one (folder-pool.ts): on the
// main thread, and in any other worker, it defines the functions above and does nothing.
if (!isMainThread && (workerData as Partial<ReaderData> | undefined)?.role === 'healed-content-reader') serve(workerData as ReaderData);
