import type { HealedRank } from '../trust/index.ts';
import type { FolderPool, ReadAnswer } from './folder-pool.ts';
import type { ReadJob, ReaderCaseRead } from './read-worker.ts';
import type { ContentSnapshot, PublishedCase } from './types.ts';
import { treatments } from './vocabulary.ts';
import {
  listPortfolioFolders, readCase, readPractitioner, snapshotBuilder, yieldToEventLoop, type CaseRead, type PortfolioFolder, type PractitionerRead, type ReadOptions,
} from './read-portfolios.ts';

/** Files per message to a reader: ~20 ms of its work, ~2 ms here to take the answers in. */
const batchSize = 200;

/**
 * Sends `jobs` to the pool in batches and hands each answer to `settle`, in order. Only a few
 * batches are asked for ahead of the one being settled (so answers never pile up here), and each
 * batch is settled in a task of its own, so requests are answered between two batches.
 */
async function settleInOrder(pool: FolderPool, jobs: readonly ReadJob[], settle: (at: number, answer: ReadAnswer) => Promise<void>): Promise<void> {
  const asked: Promise<ReadAnswer[]>[] = [];
  const ask = () => {
    const at = asked.length * batchSize;
    if (at < jobs.length) asked.push(pool.read(jobs.slice(at, at + batchSize)));
  };
  for (let i = 0; i <= pool.size * 2; i++) ask();
  for (let b = 0; b * batchSize < jobs.length; b++) {
    const answers = await asked[b]!;
    ask();
    await yieldToEventLoop();
    for (const [i, answer] of answers.entries()) await settle(b * batchSize + i, answer);
  }
}

/**
 * A case copied from a reader has its own copy of every string. The two that listings key and
 * filter on are swapped for shared ones (the job's practitioner slug, the vocabulary's treatment):
 * the first listing after a 100k-case start then hashes 8k slugs instead of 100k copies of them
 * (~150 ms less before home and the listings first answer).
 */
function shareKeys(kase: PublishedCase, slug: string): void {
  kase.practitionerSlug = slug;
  kase.treatment = treatments.find((t) => t === kase.treatment) ?? kase.treatment;
}

/** Options of the parallel read. */
export interface ParallelReadOptions extends ReadOptions {
  /** Told how many files the readers could not read, so this thread did (none when all is well). */
  onReadHere?: (files: number) => void;
  /** The folders to read, when the caller has just listed them (otherwise listed here). */
  folders?: readonly PortfolioFolder[];
  /** Told each case's listing rank, as its reader computed it (the server remembers them for listings). */
  onRank?: (kase: PublishedCase, rank: HealedRank) => void;
}

/**
 * Reads every portfolio into the snapshot `readPortfolios` gives (same entries, order and
 * problems), with every file read and validated by the pool's readers (worker threads running the
 * same `readCase` and `readPractitioner`) while this thread only collects what they found. At 100k
 * cases the read then uses every core instead of one. A file no reader could read is read here.
 */
export async function readPortfoliosInParallel(portfoliosDir: string, pool: FolderPool, options: ParallelReadOptions = {}): Promise<ContentSnapshot> {
  const { snapshot, reject, addCases } = snapshotBuilder(portfoliosDir, options);
  const portfolios = options.folders ?? listPortfolioFolders(portfoliosDir);
  const jobs: ReadJob[] = [
    ...portfolios.map(({ slug }) => ({ kind: 'practitioner', slug }) as const),
    ...portfolios.flatMap(({ slug, ids }) => ids.map((id) => ({ kind: 'case', slug, id }) as const)),
  ];
  // What each job gave, by its place in `jobs` (the practitioners first, then every case in order).
  const reads: (CaseRead | PractitionerRead)[] = new Array(jobs.length);
  let readHere = 0;
  await settleInOrder(pool, jobs, async (at, answer) => {
    const job = jobs[at]!;
    if (!answer) readHere++;
    if (job.kind === 'practitioner') reads[at] = answer ?? (await readPractitioner(portfoliosDir, job.slug, options));
    else {
      const read: ReaderCaseRead = (answer as ReaderCaseRead | undefined) ?? (await readCase(portfoliosDir, job.slug, job.id, options));
      if (read.kase) {
        shareKeys(read.kase, job.slug);
        if (read.rank) options.onRank?.(read.kase, read.rank);
      }
      reads[at] = read;
    }
  });
  if (readHere) options.onReadHere?.(readHere);

  let at = portfolios.length;
  portfolios.forEach(({ slug, ids }, i) => {
    const { practitioner, problems } = reads[i] as PractitionerRead;
    const cases = reads.slice(at, (at += ids.length)) as CaseRead[];
    if (!practitioner) return reject(problems);
    snapshot.practitioners.set(slug, practitioner);
    addCases(slug, ids, cases);
  });
  return snapshot;
}
