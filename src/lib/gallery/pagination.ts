/**
 * Listing pages: at 100k cases one treatment lists ~20k of them (a 38 MB page), so listings show
 * a page of cards at a time, `?page=N`.
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
 * The page number a `page` query value asks for: absent is 1; anything but a plain positive whole
 * number is undefined (the route answers 404, so stray values never fill the route cache). Pure.
 */
export function pageNumber(value: string | null): number | undefined {
  if (value === null) return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

/** Page `page` of `items`, or undefined past the last page (page 1 of nothing is an empty page). Pure. */
export function pageOf<T>(items: readonly T[], page: number, perPage = casesPerPage): ListingPage<T> | undefined {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  if (page > pages) return undefined;
  return { items: items.slice((page - 1) * perPage, page * perPage), page, pages, total: items.length };
}
