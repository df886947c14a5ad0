import type { CaseColumns } from './columns.ts';
import type { FacetName } from './types.ts';

/**
 * Counts facet values over ALL matching slots (not one page), the way Meilisearch's
 * `facetDistribution` does: values with no match are left out, keys in alphabetical order
 * (Meilisearch's default `sortFacetValuesBy`).
 */
export function countFacets(columns: CaseColumns, matched: Int32Array, count: number, names: readonly FacetName[]): Partial<Record<FacetName, Record<string, number>>> {
  const facets: Partial<Record<FacetName, Record<string, number>>> = {};
  for (const name of names) {
    const values = columns.dictionaries[name].values;
    const column = columns.coded[name];
    const counts = new Uint32Array(values.length + 1);
    for (let i = 0; i < count; i++) counts[column[matched[i]!]!]!++;
    const entries: [string, number][] = [];
    for (let code = 1; code < counts.length; code++) if (counts[code]) entries.push([values[code - 1]!, counts[code]!]);
    facets[name] = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return facets;
}
