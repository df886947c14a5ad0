import type { HealedRank } from '../trust/index.ts';
import type { FolderPool } from './folder-pool.ts';
import { listingRead, type ReadJob, type ReaderCaseRead } from './read-worker.ts';
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
  /** Told each case's listing rank, as its reader computed it (the server remembers them for listings), listed or whole. */
  onRank?: (kase: ListedCase, rank: HealedRank) => void;
}

/**
 * Reads every portfolio into the snapshot `readPortfolios` gives (same entries, order and
 * problems), with every file read and validated by the pool's readers (worker threads running the
 * same `readCase` and `readPractitioner`) while this thread only collects what they found. At 100k
 * cases the read then uses every core instead of one. A file no reader could read is read here.
 */
export async function readPortfoliosInParallel(portfoliosDir: string, pool: FolderPool, options: ParallelReadOptions = {}): Promise<ContentSnapshot> {
  return readInParallel<PublishedCase>(portfoliosDir, pool, options, (jobs) => pool.read(jobs), (read) => read);
}

/**
 * The first half of a first start's read: every file read and validated by the readers as
 * `readPortfoliosInParallel` does (same practitioners, problems and case ids, in the same order),
 * but each case handed to this thread only as what listings need of it (`ListedCase`). The
 * readers hold the cases they parsed; `completeFromHeld` then hands them on whole.
 */
export async function readListingInParallel(portfoliosDir: string, pool: FolderPool, options: ParallelReadOptions = {}): Promise<ListingSnapshot> {
  return readInParallel<ListedCase>(portfoliosDir, pool, options, (jobs) => pool.readListing(jobs), listingRead);
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

/** What a reader answers for a case job: the case as `C` (with its rank when the reader ranked it), or its problems. */
type CaseAnswer<C> = { kase: C; rank?: HealedRank; problems: [] } | { kase: undefined; rank?: undefined; problems: CaseRead['problems'] };

/** A parallel read whose cases are `C`s: `read` asks the readers, `fromHere` makes one of a case read on this thread. */
async function readInParallel<C extends ListedCase>(
  portfoliosDir: string,
  pool: FolderPool,
  options: ParallelReadOptions,
  read: (jobs: ReadJob[]) => Promise<(CaseAnswer<C> | PractitionerRead | undefined)[]>,
  fromHere: (read: CaseRead) => CaseAnswer<C>,
) {
  const { snapshot, reject, addCases } = snapshotBuilder<C>(portfoliosDir, options);
  const portfolios = options.folders ?? listPortfolioFolders(portfoliosDir);
  const jobs: ReadJob[] = [
    ...portfolios.map(({ slug }) => ({ kind: 'practitioner', slug }) as const),
    ...portfolios.flatMap(({ slug, ids }) => ids.map((id) => ({ kind: 'case', slug, id }) as const)),
  ];
  // What each job gave, by its place in `jobs` (the practitioners first, then every case in order).
  const reads: (CaseAnswer<C> | PractitionerRead)[] = new Array(jobs.length);
  let readHere = 0;
  await settleInOrder(pool, read, jobs, async (at, answer) => {
    const job = jobs[at]!;
    if (!answer) readHere++;
    if (job.kind === 'practitioner') reads[at] = (answer as PractitionerRead | undefined) ?? (await readPractitioner(portfoliosDir, job.slug, options));
    else {
      const caseRead = (answer as CaseAnswer<C> | undefined) ?? fromHere(await readCase(portfoliosDir, job.slug, job.id, options));
      if (caseRead.kase) {
        shareKeys(caseRead.kase, job.slug);
        if (caseRead.rank) options.onRank?.(caseRead.kase, caseRead.rank);
      }
      reads[at] = caseRead;
    }
  });
  if (readHere) options.onReadHere?.(readHere);

  let at = portfolios.length;
  portfolios.forEach(({ slug, ids }, i) => {
    const { practitioner, problems } = reads[i] as PractitionerRead;
    const cases = reads.slice(at, (at += ids.length)) as CaseAnswer<C>[];
    if (!practitioner) return reject(problems);
    snapshot.practitioners.set(slug, practitioner);
    addCases(slug, ids, cases);
  });
  return snapshot;
}
