import type { HealedRank } from '../trust/index.ts';
import { openParseCache } from '../db/parse-cache.ts';
import { createFolderPool } from './folder-pool.ts';
import { prefetchCaseFolders, prefetchPractitionerFolders, type PrefetcherReport } from './prefetch.ts';
import { formatProblem } from './problems.ts';
import { completeFromHeld, readListingInParallel, readPortfoliosInParallel } from './read-in-parallel.ts';
import { caseFolderOwners, listPortfolioFolders, readCase, readPortfolios, readPractitioner, type PortfolioFolder } from './read-portfolios.ts';
import type { ContentSnapshot, ListedCase, ListingSnapshot, Practitioner, PublishedCase } from './types.ts';
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
  /**
   * What listings need of the published cases matching the filter (the same cases, in the same
   * order, as `cases`). A first start answers it as soon as every file is validated, before its
   * cases are handed on whole; `case` then gives a listing's cards.
   */
  listing(filter?: CaseFilter): Promise<ListedCase[]>;
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
  /** Told each case's listing rank when a reader thread computed it (`ParallelReadOptions.onRank`), listed or whole. */
  onRank?: (kase: ListedCase, rank: HealedRank) => void;
}

/** Orders derived from a snapshot's cases and practitioners, kept until they change. */
interface Orders<C extends ListedCase> { newest?: C[]; byPractitioner?: Map<string, C[]>; practitioners?: Practitioner[] }

/** Newest published first; the id breaks ties, so the order never depends on reading order. */
const byNewest = (a: ListedCase, b: ListedCase) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.id.localeCompare(b.id);

/**
 * An in-memory repository over portfolios/: one disk read at start, then memory only. Until that
 * read is done (at 100k cases on 2 cores ~5 s with the parse cache, ~8 s without), a single case
 * or practitioner is read from its own folder on demand, so their pages answer within a second or
 * two of start. Listings wait for it; on a first start (nothing in the parse cache) only for its
 * first half, the listing (`listing`: ~6 s at 100k cases), while its cases are handed on whole.
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
  let orders: Orders<PublishedCase> = {};
  /** The same, of a first start's listing while its cases are handed on. */
  let listedOrders: Orders<ListedCase> | undefined;
  const changed = () => {
    orders = {};
    listedOrders = undefined;
  };
  /** Says why a start was slower than most: its files came from disk, and prefetchers read ahead. */
  const reportPrefetch = (what: string) => (reports: (PrefetcherReport | undefined)[]) => {
    const read = reports.reduce((sum, report) => sum + (report?.folders ?? 0), 0);
    if (reports.length) options.report?.(`portfolios/ was not in the page cache: ${reports.length} threads read ${read} ${what} ahead`);
  };
  const prefetchListings = (slugs: readonly string[]) => void prefetchPractitionerFolders(options.portfoliosDir, slugs).then(reportPrefetch('practitioner folders'));
  /**
   * A first start's read (a parse cache, still empty) in two halves: the listing first, then the
   * whole cases, from what the readers parsed for it. `listed` answers listings in between.
   */
  let listed: ListingSnapshot | undefined;
  /** Settles when listings can be answered: from `listed`, or from a complete snapshot. */
  let listable: Promise<unknown> | undefined;
  /**
   * A full read: on worker threads (started for it, ended after it) when the options ask for them.
   * The readers are started before the folders are listed: each loads its code (~0.3 s) on another
   * core while this thread lists (~0.25 s at 100k cases), instead of after it.
   */
  const readAll = async (list: () => PortfolioFolder[] = () => listPortfolioFolders(options.portfoliosDir), onListing?: (listing: ListingSnapshot) => void) => {
    if (!options.readers) return readPortfolios(options.portfoliosDir);
    const pool = createFolderPool(options.readers, { portfoliosDir: options.portfoliosDir, cacheDir: options.cacheDir, options: {} });
    try {
      const folders = list();
      // A restart's readers stat each folder and find it in the parse cache: only stats are prefetched.
      const filled = options.cacheDir !== undefined && parseCacheFilled(options.cacheDir);
      void prefetchCaseFolders(options.portfoliosDir, folders, { stampsOnly: filled }).then(reportPrefetch(filled ? 'case folders\' stamps' : 'case folders'));
      const readOptions = {
        folders,
        onRank: options.onRank,
        onReadHere: (files: number) => options.report?.(`${files} files were read on the main thread: the reader threads could not read them (slower, same content)`),
      };
      // A first start parses every folder: its listing answers before the cases are copied here whole
      // (at 100k cases, copying them was ~2 s of the 2 cores before the first gallery could answer).
      if (onListing && options.cacheDir !== undefined && !filled) {
        const listing = await readListingInParallel(options.portfoliosDir, pool, readOptions);
        onListing(listing);
        return await completeFromHeld(options.portfoliosDir, pool, listing, readOptions);
      }
      return await readPortfoliosInParallel(options.portfoliosDir, pool, readOptions);
    } finally {
      void pool.close();
    }
  };
  const load = (list?: () => PortfolioFolder[], firstStart = false) => {
    let isListable!: () => void;
    listable = new Promise<void>((resolve) => (isListable = resolve));
    const onListing = firstStart
      ? (listing: ListingSnapshot) => {
          listed = listing;
          isListable();
        }
      : undefined;
    current = readAll(list, onListing).then((snap) => {
      snap.problems.forEach((p) => options.report?.(formatProblem(p)));
      ready = snap;
      listed = undefined;
      changed();
      return snap;
    });
    current.then(isListable, () => {
      current = undefined;
      isListable();
    });
    return current;
  };
  // The first read takes the start's listing; a reload (after a bulk change) lists again.
  const snapshot = () => current ?? load(options.readers ? listing : undefined, true);
  /** What listings are answered from: the complete snapshot, else a first start's listing once there. */
  const listingSource = async (): Promise<ContentSnapshot | ListingSnapshot> => {
    if (ready) return ready;
    if (!listed) {
      const loading = snapshot();
      await listable;
      if (!ready && !listed) return loading;
    }
    return ready ?? listed!;
  };

  /** Before the first full read: one practitioner, read from their folder (problems are logged by the full read). */
  const practitionerOnDemand = async (slug: string) => (await readPractitioner(options.portfoliosDir, slug)).practitioner;
  /** Before the first full read: one case, found by folder name and read alone. */
  async function caseOnDemand(id: string): Promise<PublishedCase | undefined> {
    // Once listed, the listing says whose it is (a folder name another portfolio took first is not).
    if (listed) {
      const row = listed.cases.get(id);
      return row && (await readCase(options.portfoliosDir, row.practitionerSlug, id)).kase;
    }
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

  const matches = (c: ListedCase, f: CaseFilter, practitioners: Map<string, Practitioner>) => {
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
    async practitioner(slug) {
      const known = ready ?? listed;
      return known ? known.practitioners.get(slug) : practitionerOnDemand(slug);
    },
    case: async (id) => (ready ? ready.cases.get(id) : caseOnDemand(id)),
    async cases(filter = {}) {
      const onlyPractitioner = filter.practitioner && !filter.treatment && !filter.country && !filter.city;
      if (!ready && onlyPractitioner) return (await casesOfOnDemand(filter.practitioner!)).sort(byNewest);
      const snap = ready ?? (await snapshot());
      return selected(snap, orders, filter);
    },
    async listing(filter = {}) {
      const source = await listingSource();
      return source === ready ? selected(ready, orders, filter) : selected(source, (listedOrders ??= {}), filter);
    },
    async practitioners() {
      const snap = await listingSource();
      const kept = snap === ready ? orders : (listedOrders ??= {});
      return (kept.practitioners ??= [...snap.practitioners.values()].sort((a, b) => a.name.localeCompare(b.name))).slice();
    },
  };

  /** The cases of `snap` the filter selects, newest first, from orders kept in `kept`. */
  function selected<C extends ListedCase>(snap: { cases: Map<string, C>; practitioners: Map<string, Practitioner> }, kept: Orders<C>, filter: CaseFilter): C[] {
    const onlyPractitioner = filter.practitioner && !filter.treatment && !filter.country && !filter.city;
    // Filtering keeps the order; callers get their own array (some sort or slice it in place).
    const newest = (kept.newest ??= [...snap.cases.values()].sort(byNewest));
    if (onlyPractitioner) {
      kept.byPractitioner ??= Map.groupBy(newest, (c) => c.practitionerSlug);
      return kept.byPractitioner.get(filter.practitioner!)?.slice() ?? [];
    }
    const any = !filter.practitioner && !filter.treatment && !filter.country && !filter.city;
    return any ? newest.slice() : newest.filter((c) => matches(c, filter, snap.practitioners));
  }
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
