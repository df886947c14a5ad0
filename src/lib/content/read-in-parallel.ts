import type { FolderPool, ReadAnswer } from './folder-pool.ts';
import type { ReadJob } from './read-worker.ts';
import type { ContentSnapshot } from './types.ts';
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
async function settleInOrder(pool: FolderPool, jobs: readonly ReadJob[], settle: (job: ReadJob, answer: ReadAnswer) => Promise<void>): Promise<void> {
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
    for (const [i, answer] of answers.entries()) await settle(jobs[b * batchSize + i]!, answer);
  }
}

/** Options of the parallel read. */
export interface ParallelReadOptions extends ReadOptions {
  /** Told how many files the readers could not read, so this thread did (none when all is well). */
  onReadHere?: (files: number) => void;
  /** The folders to read, when the caller has just listed them (otherwise listed here). */
  folders?: readonly PortfolioFolder[];
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
  const practitioners = new Map<string, PractitionerRead>();
  const cases = new Map<string, CaseRead>();
  const jobs: ReadJob[] = [
    ...portfolios.map(({ slug }) => ({ kind: 'practitioner', slug }) as const),
    ...portfolios.flatMap(({ slug, ids }) => ids.map((id) => ({ kind: 'case', slug, id }) as const)),
  ];
  let readHere = 0;
  await settleInOrder(pool, jobs, async (job, answer) => {
    if (!answer) readHere++;
    if (job.kind === 'practitioner') practitioners.set(job.slug, (answer as PractitionerRead | undefined) ?? (await readPractitioner(portfoliosDir, job.slug, options)));
    else cases.set(`${job.slug}/${job.id}`, (answer as CaseRead | undefined) ?? (await readCase(portfoliosDir, job.slug, job.id, options)));
  });
  if (readHere) options.onReadHere?.(readHere);

  for (const { slug, ids } of portfolios) {
    const { practitioner, problems } = practitioners.get(slug)!;
    if (!practitioner) {
      reject(problems);
      continue;
    }
    snapshot.practitioners.set(slug, practitioner);
    addCases(slug, ids, ids.map((id) => cases.get(`${slug}/${id}`)!));
  }
  return snapshot;
}
