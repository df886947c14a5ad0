/**
 * Listing pages: at 100k cases one treatment lists ~20k of them (a 38 MB page), so listings show
 * a page of cards at a time, at `<listing>/page/N/`.
 */

/** Cards per listing page: 8 rows of 3 on a desktop, a short scroll on a phone. */
export const casesPerPage = 24;

/** One page of a listing. */
export interface ListingPage<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
}

/**
 * The page a listing's path asks for, from its rest segment: none is page 1, `page/N` is page N
 * (N ≥ 2, no leading zero); anything else is undefined (the route answers 404). In the path, not
 * the query: the route cache keys pages by path alone (no cached page reads its query). Pure.
 */
export function pageFromPath(rest: string | undefined): number | undefined {
  if (rest === undefined || rest === '') return 1;
  const match = /^page\/([2-9]|[1-9]\d{1,5})\/?$/.exec(rest);
  return match ? Number(match[1]) : undefined;
}

/** The path of page `page` of the listing at `base` (ending in `/`). Pure. */
export function pagePath(base: string, page: number): string {
  return page === 1 ? base : `${base}page/${page}/`;
}

/** Page `page` of `items`, or undefined past the last page (page 1 of nothing is an empty page). Pure. */
export function pageOf<T>(items: readonly T[], page: number, perPage = casesPerPage): ListingPage<T> | undefined {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  if (page > pages) return undefined;
  return { items: items.slice((page - 1) * perPage, page * perPage), page, pages, total: items.length };
}
