import type { HealedRank } from '../trust/index.ts';
import { openParseCache } from '../db/parse-cache.ts';
import { createFolderPool } from './folder-pool.ts';
import { prefetchCaseFolders, prefetchCaseListings, type PrefetcherReport } from './prefetch.ts';
import { formatProblem } from './problems.ts';
import { readPortfoliosInParallel } from './read-in-parallel.ts';
import { caseFolderOwners, listPortfolioFolders, readCase, readPortfolios, readPractitioner, type PortfolioFolder } from './read-portfolios.ts';
import type { ContentSnapshot, Practitioner, PublishedCase } from './types.ts';
import { placeSlug } from './slug.ts';
import type { Treatment } from './vocabulary.ts';

/** Which cases a listing wants. Every field narrows the list. */
export interface CaseFilter {
  practitioner?: string;
  treatment?: Treatment;
  /** ISO country code, any case. */
  country?: string;
  /** City slug, e.g. `sao-paulo`. */
  city?: string;
}

/** Read access to published content, held in memory and reloaded when content changes. */
export interface ContentRepository {
  /** The current snapshot, loading it on first use. */
  snapshot(): Promise<ContentSnapshot>;
  /** Reads all of portfolios/ again (after a bulk change). */
  reload(): Promise<ContentSnapshot>;
  /** Re-reads one case folder after it was published or withdrawn; returns whether it is live. */
  refreshCase(slug: string, id: string): Promise<boolean>;
  /** Re-reads one practitioner.yaml after the profile changed (e.g. on another instance). */
  refreshPractitioner(slug: string): Promise<void>;
  practitioner(slug: string): Promise<Practitioner | undefined>;
  case(id: string): Promise<PublishedCase | undefined>;
  /** Published cases matching the filter, newest published first. */
  cases(filter?: CaseFilter): Promise<PublishedCase[]>;
  practitioners(): Promise<Practitioner[]>;
}

/** Options for the repository. */
export interface RepositoryOptions {
  portfoliosDir: string;
  /** Called with each problem line when content is (re)loaded; the server logs them. */
  report?: (line: string) => void;
  /**
   * Worker threads that read and validate the files in a full read (the server's: one per core;
   * this thread collects what they find). 0 or none: everything is read on this thread.
   */
  readers?: number;
  /** DATA_DIR of the parse cache the readers use (the server's); without it every read parses. */
  cacheDir?: string;
  /** Told each case's listing rank when a reader thread computed it (`ParallelReadOptions.onRank`). */
  onRank?: (kase: PublishedCase, rank: HealedRank) => void;
}

/** Newest published first; the id breaks ties, so the order never depends on reading order. */
const byNewest = (a: PublishedCase, b: PublishedCase) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.id.localeCompare(b.id);

/**
 * An in-memory repository over portfolios/: one disk read at start, then memory only. Until that
 * read is done (at 100k cases on 2 cores ~5 s with the parse cache, ~11 s without), a single case or practitioner is read from its own
 * folder on demand, so their pages answer within a second or two of start; listings wait for it.
 */
export function createContentRepository(options: RepositoryOptions): ContentRepository {
  let current: Promise<ContentSnapshot> | undefined;
  /** The last complete snapshot (kept while a reload runs). */
  let ready: ContentSnapshot | undefined;
  /**
   * The folder listing of this start, made once for whichever comes first: the on-demand pages
   * or the first full read (at 100k cases each listing is ~0.25 s the readers would wait for).
   */
  let startListing: PortfolioFolder[] | undefined;
  const listing = () => (startListing ??= listPortfolioFolders(options.portfoliosDir, options.readers ? prefetchListings : undefined));
  let owners: Map<string, string> | undefined;
  /**
   * Orders derived from `ready`, kept until content changes: at 100k cases sorting every case
   * newest first took 50–100 ms of each listing render, and home sorts twice; a practitioner's
   * cases are asked for per practitioner (their page, compare's rows), so they are grouped once.
   */
  let orders: { newest?: PublishedCase[]; byPractitioner?: Map<string, PublishedCase[]>; practitioners?: Practitioner[] } = {};
  const changed = () => (orders = {});
  /** Says why a start was slower than most: its files came from disk, and prefetchers read ahead. */
  const reportPrefetch = (what: string) => (reports: (PrefetcherReport | undefined)[]) => {
    const read = reports.reduce((sum, report) => sum + (report?.folders ?? 0), 0);
    if (reports.length) options.report?.(`portfolios/ was not in the page cache: ${reports.length} threads read ${read} ${what} ahead`);
  };
  const prefetchListings = (slugs: readonly string[]) => void prefetchCaseListings(options.portfoliosDir, slugs).then(reportPrefetch('cases/ folders'));
  /**
   * A full read: on worker threads (started for it, ended after it) when the options ask for them.
   * The readers are started before the folders are listed: each loads its code (~0.3 s) on another
   * core while this thread lists (~0.25 s at 100k cases), instead of after it.
   */
  const readAll = async (list: () => PortfolioFolder[] = () => listPortfolioFolders(options.portfoliosDir)) => {
    if (!options.readers) return readPortfolios(options.portfoliosDir);
    const pool = createFolderPool(options.readers, { portfoliosDir: options.portfoliosDir, cacheDir: options.cacheDir, options: {} });
    try {
      const folders = list();
      // A restart's readers stat each folder and find it in the parse cache: only stats are prefetched.
      const stampsOnly = options.cacheDir !== undefined && parseCacheFilled(options.cacheDir);
      void prefetchCaseFolders(options.portfoliosDir, folders, { stampsOnly }).then(reportPrefetch(stampsOnly ? 'case folders\' stamps' : 'case folders'));
      return await readPortfoliosInParallel(options.portfoliosDir, pool, {
        folders,
        onRank: options.onRank,
        onReadHere: (files) => options.report?.(`${files} files were read on the main thread: the reader threads could not read them (slower, same content)`),
      });
    } finally {
      void pool.close();
    }
  };
  const load = (list?: () => PortfolioFolder[]) => {
    current = readAll(list).then((snap) => {
      snap.problems.forEach((p) => options.report?.(formatProblem(p)));
      ready = snap;
      changed();
      return snap;
    });
    current.catch(() => (current = undefined));
    return current;
  };
  // The first read takes the start's listing; a reload (after a bulk change) lists again.
  const snapshot = () => current ?? load(options.readers ? listing : undefined);

  /** Before the first full read: one practitioner, read from their folder (problems are logged by the full read). */
  const practitionerOnDemand = async (slug: string) => (await readPractitioner(options.portfoliosDir, slug)).practitioner;
  /** Before the first full read: one case, found by folder name and read alone. */
  async function caseOnDemand(id: string): Promise<PublishedCase | undefined> {
    owners ??= caseFolderOwners(listing());
    const slug = owners.get(id);
    if (!slug || !(await practitionerOnDemand(slug))) return undefined;
    return (await readCase(options.portfoliosDir, slug, id)).kase;
  }
  /** Before the first full read: one practitioner's cases (a practitioner page). */
  async function casesOfOnDemand(slug: string): Promise<PublishedCase[]> {
    const where = (owners ??= caseFolderOwners(listing()));
    // Their folders, less any id an earlier practitioner's folder already took (as the full read does).
    const ids = (listing().find((folder) => folder.slug === slug)?.ids ?? []).filter((id) => where.get(id) === slug);
    const read = await Promise.all(ids.map((id) => readCase(options.portfoliosDir, slug, id)));
    return read.flatMap((r) => (r.kase ? [r.kase] : []));
  }

  const matches = (c: PublishedCase, f: CaseFilter, practitioners: Map<string, Practitioner>) => {
    if (f.practitioner && c.practitionerSlug !== f.practitioner) return false;
    if (f.treatment && c.treatment !== f.treatment) return false;
    if (!f.country && !f.city) return true;
    const p = practitioners.get(c.practitionerSlug);
    if (!p) return false;
    if (f.country && p.country.toLowerCase() !== f.country.toLowerCase()) return false;
    return !f.city || placeSlug(p.city) === f.city;
  };

  return {
    snapshot,
    reload: () => load(),
    async refreshCase(slug, id) {
      const snap = await snapshot();
      const { kase, problems } = await readCase(options.portfoliosDir, slug, id);
      problems.forEach((p) => options.report?.(formatProblem(p)));
      if (kase && snap.practitioners.has(slug)) snap.cases.set(id, kase);
      else snap.cases.delete(id);
      changed();
      return snap.cases.has(id);
    },
    async refreshPractitioner(slug) {
      const snap = await snapshot();
      const { practitioner, problems } = await readPractitioner(options.portfoliosDir, slug);
      problems.forEach((p) => options.report?.(formatProblem(p)));
      if (practitioner) snap.practitioners.set(slug, practitioner);
      changed();
    },
    practitioner: async (slug) => (ready ? ready.practitioners.get(slug) : practitionerOnDemand(slug)),
    case: async (id) => (ready ? ready.cases.get(id) : caseOnDemand(id)),
    async cases(filter = {}) {
      const onlyPractitioner = filter.practitioner && !filter.treatment && !filter.country && !filter.city;
      if (!ready && onlyPractitioner) return (await casesOfOnDemand(filter.practitioner!)).sort(byNewest);
      const snap = ready ?? (await snapshot());
      // Filtering keeps the order; callers get their own array (some sort or slice it in place).
      const newest = (orders.newest ??= [...snap.cases.values()].sort(byNewest));
      if (onlyPractitioner) {
        orders.byPractitioner ??= Map.groupBy(newest, (c) => c.practitionerSlug);
        return orders.byPractitioner.get(filter.practitioner!)?.slice() ?? [];
      }
      const any = !filter.practitioner && !filter.treatment && !filter.country && !filter.city;
      return any ? newest.slice() : newest.filter((c) => matches(c, filter, snap.practitioners));
    },
    async practitioners() {
      const snap = ready ?? (await snapshot());
      return (orders.practitioners ??= [...snap.practitioners.values()].sort((a, b) => a.name.localeCompare(b.name))).slice();
    },
  };
}

/** Whether the parse cache under `dataDir` holds anything (false when it cannot be opened). */
function parseCacheFilled(dataDir: string): boolean {
  try {
    const cache = openParseCache(dataDir);
    cache.close();
    return !cache.empty;
  } catch {
    return false;
  }
}
