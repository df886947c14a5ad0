import type { ContentRepository, Practitioner } from '../content/index.ts';
import type { SearchIndex, SearchQuery } from '../search/types.ts';

/** How the directory orders practitioners. */
export const directorySorts = ['healed', 'name'] as const;
export type DirectorySort = (typeof directorySorts)[number];

/** Practitioners per directory page. */
export const practitionersPerPage = 24;

/** One practitioner in the directory. */
export interface DirectoryEntry {
  slug: string;
  name: string;
  clinic?: string;
  city: string;
  country: string;
  /** Published cases (of the treatment, when filtered). */
  cases: number;
  /** Of those, cases with a verified healed or long-term photo. */
  healedCases: number;
  verifiedCredentials: number;
}

/** A page of the directory. */
export interface DirectoryPage {
  entries: DirectoryEntry[];
  page: number;
  pages: number;
  /** Practitioners with published work that match the filters. */
  total: number;
}

/** The directory's filters: a treatment and a place, as search takes them. */
export type DirectoryQuery = Pick<SearchQuery, 'treatment' | 'country' | 'city'> & { sort?: DirectorySort; page?: number };

/**
 * Everyone with published work, counted by the search index (two queries, however many
 * practitioners there are) and ordered by verified healed cases (then cases, then name) or by
 * name; only the page's profiles are read.
 */
export function createDirectory(deps: { search: SearchIndex; content: ContentRepository }) {
  return async function directory(query: DirectoryQuery): Promise<DirectoryPage | undefined> {
    const filters = { treatment: query.treatment, country: query.country, city: query.city };
    const [all, healed] = await Promise.all([
      deps.search.search({ ...filters, facets: ['practitioner'], perPage: 1 }),
      deps.search.search({ ...filters, healed: true, facets: ['practitioner'], perPage: 1 }),
    ]);
    const cases = all.facets.practitioner ?? {};
    const healedCases = healed.facets.practitioner ?? {};
    const profiles = new Map((await deps.content.practitioners()).map((p) => [p.slug, p]));
    const collator = new Intl.Collator('en', { sensitivity: 'base' });
    const rows = Object.keys(cases)
      .map((slug) => profiles.get(slug))
      .filter((p): p is Practitioner => p !== undefined)
      .map((p) => ({ p, cases: cases[p.slug] ?? 0, healedCases: healedCases[p.slug] ?? 0 }))
      .sort((a, b) => (query.sort === 'name' ? 0 : b.healedCases - a.healedCases || b.cases - a.cases) || collator.compare(a.p.name, b.p.name) || (a.p.slug < b.p.slug ? -1 : 1));
    const page = query.page ?? 1;
    const pages = Math.max(1, Math.ceil(rows.length / practitionersPerPage));
    if (page > pages) return undefined;
    const entries = rows.slice((page - 1) * practitionersPerPage, page * practitionersPerPage).map(({ p, cases, healedCases }) => ({
      slug: p.slug,
      name: p.name,
      ...(p.clinic && { clinic: p.clinic }),
      city: p.city,
      country: p.country,
      cases,
      healedCases,
      verifiedCredentials: p.credentials.filter((c) => c.verified).length,
    }));
    return { entries, page, pages, total: rows.length };
  };
}
