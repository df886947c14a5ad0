import type { HealedRank } from '../trust/index.ts';
import { healedRank } from '../trust/index.ts';
import type { FolderPool, ListingAnswer, ReadAnswer } from './folder-pool.ts';
import { listedOf, type ListingCaseRead, type ReadJob, type ReaderCaseRead } from './read-worker.ts';
import type { ContentSnapshot, ListedCase, ListingSnapshot, PublishedCase } from './types.ts';
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
async function settleInOrder<A>(pool: FolderPool, read: (jobs: ReadJob[]) => Promise<A[]>, jobs: readonly ReadJob[], settle: (at: number, answer: A) => Promise<void>): Promise<void> {
  const asked: Promise<A[]>[] = [];
  const ask = () => {
    const at = asked.length * batchSize;
    if (at < jobs.length) asked.push(read(jobs.slice(at, at + batchSize)));
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
function shareKeys(kase: ListedCase, slug: string): void {
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
  return readInParallel<PublishedCase, ReadAnswer>(portfoliosDir, pool, options, (jobs) => pool.read(jobs), (answer) => answer as ReaderCaseRead, (kase) => kase);
}

/** Options of a listing read: those of the parallel read, each rank handed on with its listed case. */
export interface ParallelListingOptions extends Omit<ParallelReadOptions, 'onRank'> {
  onRank?: (kase: ListedCase, rank: HealedRank) => void;
}

/**
 * The first half of a first start's read: every file read and validated by the readers as
 * `readPortfoliosInParallel` does (same practitioners, problems and case ids, in the same order),
 * but each case handed to this thread only as what listings need of it (`ListedCase`). The
 * readers hold the cases they parsed; `completeFromHeld` then hands them on whole.
 */
export async function readListingInParallel(portfoliosDir: string, pool: FolderPool, options: ParallelListingOptions = {}): Promise<ListingSnapshot> {
  const listed = (read: ReaderCaseRead): ListingCaseRead => (read.kase ? { kase: listedOf(read.kase), rank: read.rank ?? healedRank(read.kase), problems: [] } : read);
  return readInParallel<ListedCase, ListingAnswer>(portfoliosDir, pool, options, (jobs) => pool.readListing(jobs), (answer) => answer as ListingCaseRead, listed);
}

/**
 * The second half of a first start's read: the snapshot `readPortfoliosInParallel` would have
 * given, made of the listing and the whole cases the readers hand on from what they parsed for
 * it (no file is read again). A case no reader handed on (a reader ended, or its held rows were
 * written early) is read again, here or by a reader, like any other.
 */
export async function completeFromHeld(portfoliosDir: string, pool: FolderPool, listing: ListingSnapshot, options: ParallelReadOptions = {}): Promise<ContentSnapshot> {
  const whole = new Map<string, PublishedCase>();
  const keep = (kase: PublishedCase, slug: string, rank?: HealedRank) => {
    // Only the cases the listing took: a held row may be of a folder it left out (invalid, or an id taken earlier).
    if (listing.cases.get(kase.id)?.practitionerSlug !== slug) return;
    shareKeys(kase, slug);
    if (rank) options.onRank?.(kase, rank);
    whole.set(kase.id, kase);
  };
  await pool.handOverHeld(async (cases) => {
    await yieldToEventLoop();
    for (const { slug, kase, rank } of cases) keep(kase, slug, rank);
  });
  const missing: ReadJob[] = [...listing.cases.values()].filter((c) => !whole.has(c.id)).map((c) => ({ kind: 'case', slug: c.practitionerSlug, id: c.id }));
  const problems = [...listing.problems];
  await settleInOrder(pool, (jobs) => pool.read(jobs), missing, async (at, answer) => {
    const job = missing[at] as ReadJob & { kind: 'case' };
    const read: ReaderCaseRead = (answer as ReaderCaseRead | undefined) ?? (await readCase(portfoliosDir, job.slug, job.id, options));
    // Changed since it was listed: whole, as it is now; gone (withdrawn meanwhile): left out, as a full read would.
    if (read.kase) keep(read.kase, job.slug, read.rank);
    else problems.push(...read.problems);
  });
  const cases = new Map<string, PublishedCase>();
  for (const id of listing.cases.keys()) {
    const kase = whole.get(id);
    if (kase) cases.set(id, kase);
  }
  return { practitioners: listing.practitioners, cases, problems, invalidFiles: listing.invalidFiles + (listing.cases.size - cases.size) };
}

/** A parallel read whose cases are `C`s: `asCase` takes a reader's answer, `fromHere` a case read on this thread. */
async function readInParallel<C extends ListedCase, A extends ReaderCaseRead | ListingCaseRead | PractitionerRead | undefined>(
  portfoliosDir: string,
  pool: FolderPool,
  options: ParallelReadOptions | ParallelListingOptions,
  read: (jobs: ReadJob[]) => Promise<A[]>,
  asCase: (answer: A) => { kase: C; rank?: HealedRank; problems: [] } | { kase: undefined; problems: CaseRead['problems'] },
  fromHere: (read: ReaderCaseRead) => { kase: C; rank?: HealedRank; problems: [] } | { kase: undefined; problems: CaseRead['problems'] },
) {
  const { snapshot, reject, addCases } = snapshotBuilder<C>(portfoliosDir, options);
  const portfolios = options.folders ?? listPortfolioFolders(portfoliosDir);
  const jobs: ReadJob[] = [
    ...portfolios.map(({ slug }) => ({ kind: 'practitioner', slug }) as const),
    ...portfolios.flatMap(({ slug, ids }) => ids.map((id) => ({ kind: 'case', slug, id }) as const)),
  ];
  // What each job gave, by its place in `jobs` (the practitioners first, then every case in order).
  const reads: (ReturnType<typeof asCase> | PractitionerRead)[] = new Array(jobs.length);
  let readHere = 0;
  await settleInOrder(pool, read, jobs, async (at, answer) => {
    const job = jobs[at]!;
    if (!answer) readHere++;
    if (job.kind === 'practitioner') reads[at] = (answer as PractitionerRead | undefined) ?? (await readPractitioner(portfoliosDir, job.slug, options));
    else {
      const caseRead = answer ? asCase(answer) : fromHere(await readCase(portfoliosDir, job.slug, job.id, options));
      if (caseRead.kase) {
        shareKeys(caseRead.kase, job.slug);
        if ('rank' in caseRead && caseRead.rank) (options.onRank as ((kase: C, rank: HealedRank) => void) | undefined)?.(caseRead.kase, caseRead.rank);
      }
      reads[at] = caseRead;
    }
  });
  if (readHere) options.onReadHere?.(readHere);

  let at = portfolios.length;
  portfolios.forEach(({ slug, ids }, i) => {
    const { practitioner, problems } = reads[i] as PractitionerRead;
    const cases = reads.slice(at, (at += ids.length)) as ReturnType<typeof asCase>[];
    if (!practitioner) return reject(problems);
    snapshot.practitioners.set(slug, practitioner);
    addCases(slug, ids, cases);
  });
  return snapshot;
}
