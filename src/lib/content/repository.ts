import { createFolderPool } from './folder-pool.ts';
import { formatProblem } from './problems.ts';
import { readPortfoliosInParallel } from './read-in-parallel.ts';
import { listCaseFolders, readCase, readPortfolios, readPractitioner } from './read-portfolios.ts';
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
}

/**
 * An in-memory repository over portfolios/: one disk read at start, then memory only. Until that
 * read is done (~5 s at 100k cases on 2 cores), a single case or practitioner is read from its own
 * folder on demand, so their pages answer within a second or two of start; listings wait for it.
 */
export function createContentRepository(options: RepositoryOptions): ContentRepository {
  let current: Promise<ContentSnapshot> | undefined;
  /** The last complete snapshot (kept while a reload runs). */
  let ready: ContentSnapshot | undefined;
  let folders: Promise<Map<string, string>> | undefined;
  /** A full read: on worker threads (started for it, ended after it) when the options ask for them. */
  const readAll = async () => {
    if (!options.readers) return readPortfolios(options.portfoliosDir);
    const pool = createFolderPool(options.readers, { portfoliosDir: options.portfoliosDir, cacheDir: options.cacheDir, options: {} });
    try {
      return await readPortfoliosInParallel(options.portfoliosDir, pool, {
        onReadHere: (files) => options.report?.(`${files} files were read on the main thread: the reader threads could not read them (slower, same content)`),
      });
    } finally {
      void pool.close();
    }
  };
  const load = () => {
    current = readAll().then((snap) => {
      snap.problems.forEach((p) => options.report?.(formatProblem(p)));
      ready = snap;
      return snap;
    });
    current.catch(() => (current = undefined));
    return current;
  };
  const snapshot = () => current ?? load();

  /** Before the first full read: one practitioner, read from their folder (problems are logged by the full read). */
  const practitionerOnDemand = async (slug: string) => (await readPractitioner(options.portfoliosDir, slug)).practitioner;
  /** Before the first full read: one case, found by folder name and read alone. */
  async function caseOnDemand(id: string): Promise<PublishedCase | undefined> {
    folders ??= listCaseFolders(options.portfoliosDir);
    const slug = (await folders).get(id);
    if (!slug || !(await practitionerOnDemand(slug))) return undefined;
    return (await readCase(options.portfoliosDir, slug, id)).kase;
  }
  /** Before the first full read: one practitioner's cases (a practitioner page). */
  async function casesOfOnDemand(slug: string): Promise<PublishedCase[]> {
    folders ??= listCaseFolders(options.portfoliosDir);
    const ids = [...(await folders)].filter(([, owner]) => owner === slug).map(([id]) => id);
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
    reload: load,
    async refreshCase(slug, id) {
      const snap = await snapshot();
      const { kase, problems } = await readCase(options.portfoliosDir, slug, id);
      problems.forEach((p) => options.report?.(formatProblem(p)));
      if (kase && snap.practitioners.has(slug)) snap.cases.set(id, kase);
      else snap.cases.delete(id);
      return snap.cases.has(id);
    },
    async refreshPractitioner(slug) {
      const snap = await snapshot();
      const { practitioner, problems } = await readPractitioner(options.portfoliosDir, slug);
      problems.forEach((p) => options.report?.(formatProblem(p)));
      if (practitioner) snap.practitioners.set(slug, practitioner);
    },
    practitioner: async (slug) => (ready ? ready.practitioners.get(slug) : practitionerOnDemand(slug)),
    case: async (id) => (ready ? ready.cases.get(id) : caseOnDemand(id)),
    async cases(filter = {}) {
      const byNewest = (a: PublishedCase, b: PublishedCase) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.id.localeCompare(b.id);
      const onlyPractitioner = filter.practitioner && !filter.treatment && !filter.country && !filter.city;
      if (!ready && onlyPractitioner) return (await casesOfOnDemand(filter.practitioner!)).sort(byNewest);
      const snap = ready ?? (await snapshot());
      return [...snap.cases.values()].filter((c) => matches(c, filter, snap.practitioners)).sort(byNewest);
    },
    practitioners: async () => [...(ready ?? (await snapshot())).practitioners.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
