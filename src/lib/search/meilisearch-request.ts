import type { Hits, SearchParams, SearchResponse, Settings } from 'meilisearch';
import { facetField, searchableFields } from './fields.ts';
import { haversineKm, roundKm } from './geo.ts';
import type { ResolvedQuery } from './query.ts';
import type { CaseDocument, FacetName, SearchHit, SearchResult } from './types.ts';

/**
 * What the Meilisearch adapter sends and how it reads answers, as pure functions (testable without
 * a server). Callers never pass filter strings: every value here comes from a typed query and is
 * quoted and escaped.
 */

/**
 * Far above any SMP corpus: `totalHits` and the last pages stay exact (Meilisearch stops counting
 * at `maxTotalHits`, 1000 by default, which would break "exact totals").
 */
export const maxTotalHits = 1_000_000;

/** Index settings, applied at every start (idempotent) and to each rebuild's temporary index. */
export const meilisearchSettings: Settings = {
  searchableAttributes: [...searchableFields],
  filterableAttributes: ['treatment', 'country', 'city', 'stage', 'fitzpatrick', 'evidence', 'norwood', 'ludwig', 'scarType', 'verifiedHealed', 'clientConfirmed', 'practitionerSlug', '_geo'],
  sortableAttributes: ['publishedAt', 'daysHealed', 'lastSessionAt', '_geo'],
  // `sort` first: a chosen sort ("newest") decides the order, relevance only breaks its ties.
  // Without a sort in the query the rule does nothing, and relevance is the default order.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  // Meilisearch's defaults, written down so the embedded engine's copy of them is visible here.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [] },
  // Cities can exceed the default 100 values; the UI needs every count.
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'alpha' } },
  pagination: { maxTotalHits },
};

/** A string inside a Meilisearch filter: double-quoted, with `\` and `"` escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const anyOf = (field: string, values: readonly (string | number)[]) =>
  `${field} IN [${values.map((v) => (typeof v === 'number' ? String(v) : quoteFilterValue(v))).join(', ')}]`;

/** The search request for a resolved query: filters AND-ed across fields, OR within one. */
export function toMeilisearchParams(query: ResolvedQuery): SearchParams {
  const filter: string[] = [];
  if (query.treatment.length) filter.push(anyOf('treatment', query.treatment));
  if (query.country.length) filter.push(anyOf('country', query.country));
  if (query.city.length) filter.push(anyOf('city', query.city));
  if (query.norwood.length) filter.push(anyOf('norwood', query.norwood.filter(Number.isFinite)));
  if (query.ludwig.length) filter.push(anyOf('ludwig', query.ludwig));
  if (query.fitzpatrick.length) filter.push(anyOf('fitzpatrick', query.fitzpatrick));
  if (query.evidence.length) filter.push(anyOf('evidence', query.evidence));
  if (query.scarType.length) filter.push(anyOf('scarType', query.scarType));
  if (query.practitioner.length) filter.push(anyOf('practitionerSlug', query.practitioner));
  if (query.healed) filter.push('verifiedHealed = true');
  if (query.clientConfirmed) filter.push('clientConfirmed = true');
  const near = query.near;
  if (near?.radiusKm !== undefined) filter.push(`_geoRadius(${near.lat}, ${near.lng}, ${Math.round(near.radiusKm * 1000)})`);
  const sort: Record<ResolvedQuery['sort'], string[] | undefined> = {
    relevance: undefined,
    newest: ['publishedAt:desc'],
    'healed-longest': ['daysHealed:desc', 'publishedAt:desc'],
    distance: near ? [`_geoPoint(${near.lat}, ${near.lng}):asc`] : undefined,
  };
  return {
    filter,
    sort: sort[query.sort],
    facets: query.facets.map(facetField),
    // page + hitsPerPage is Meilisearch's exhaustive pagination: `totalHits` is exact.
    page: query.page,
    hitsPerPage: query.perPage,
    // Every query word must match (Meilisearch's default `last` would drop words to find more).
    matchingStrategy: 'all',
  };
}

const alphabetical = (counts: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Reads a Meilisearch answer as the port's result; distances use the same haversine as embedded. */
export function fromMeilisearchResponse(query: ResolvedQuery, response: SearchResponse<CaseDocument>): SearchResult {
  const hits = (response.hits as Hits<CaseDocument>).map((hit): SearchHit => {
    // Keep the document's own fields only: `_geo` is one of them; `_geoDistance`, `_formatted`… are not.
    const doc = Object.fromEntries(Object.entries(hit).filter(([key]) => key === '_geo' || !key.startsWith('_'))) as unknown as CaseDocument;
    const near = query.near;
    return near ? { ...doc, distanceKm: roundKm(haversineKm(near.lat, near.lng, doc._geo.lat, doc._geo.lng)) } : doc;
  });
  const distribution = response.facetDistribution ?? {};
  const facets = Object.fromEntries(query.facets.map((name) => [name, alphabetical(distribution[facetField(name)])])) as Partial<Record<FacetName, Record<string, number>>>;
  return { hits, total: response.totalHits ?? 0, page: query.page, perPage: query.perPage, facets };
}
