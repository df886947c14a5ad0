/**
 * Counts for the facet checkboxes. The API counts each facet over the hits of the whole query
 * (AND across fields), so once a treatment is ticked every other treatment counts 0. Filters are
 * OR within a field, so a checkbox should show how many cases ticking it would add: its field's
 * counts come from the same query without that field's own filter (what Algolia and Meilisearch's
 * InstantSearch call disjunctive faceting). One extra small query per field in use.
 */
import type { SearchQuery } from '../../../lib/search/types.ts';

/** Facets shown as checkboxes, each a query filter of the same name. */
export const checkboxFacets = ['treatment', 'evidence', 'country', 'city', 'norwood', 'ludwig', 'fitzpatrick', 'scarType'] as const;
export type CheckboxFacet = (typeof checkboxFacets)[number];

/** Per facet, value → count. */
export type FacetCounts = Record<CheckboxFacet, Record<string, number>>;

/** The extra queries to run: one per field with ticked values, without that field, one hit. */
export function facetQueries(query: SearchQuery): Array<{ field: CheckboxFacet; query: SearchQuery }> {
  return checkboxFacets
    .filter((field) => (query[field]?.length ?? 0) > 0)
    .map((field) => {
      const { [field]: _dropped, sort: _sort, ...rest } = query;
      return { field, query: { ...rest, page: 1, perPage: 1 } };
    });
}

/** Checkbox counts: the main result's facets, overridden by each field's own extra query. */
export function facetCounts(
  main: Partial<Record<CheckboxFacet, Record<string, number>>>,
  extra: Partial<Record<CheckboxFacet, Record<string, number>>>,
): FacetCounts {
  const counts = {} as FacetCounts;
  for (const field of checkboxFacets) counts[field] = extra[field] ?? main[field] ?? {};
  return counts;
}

/**
 * Options to list for a field: the known values (in their order) or else the counted ones by count,
 * and always the ticked ones, so a ticked box never disappears.
 */
export function facetOptions(counts: Record<string, number>, ticked: readonly string[] = [], known?: readonly string[]): Array<{ value: string; count: number }> {
  const values = known
    ? [...known]
    : Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
  for (const value of ticked) if (!values.includes(value)) values.push(value);
  return values.map((value) => ({ value, count: counts[value] ?? 0 }));
}
