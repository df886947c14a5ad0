/**
 * Server side of /search: validates the URL with the API's own schema, runs the search and the
 * checkbox-count queries on the engine, and lists the places "near" offers. Never bundled for
 * the browser (only search.astro imports it).
 */
import { content } from '../../../lib/content/server.ts';
import { nearPlaces } from '../../../lib/gallery/near-places.ts';
import { parseSearchParams } from '../../../lib/search/query-params.ts';
import { searchIndex } from '../../../lib/search/server.ts';
import { InvalidSearchQueryError, SearchUnavailableError } from '../../../lib/search/types.ts';
import { toApiResult } from './api-shape.ts';
import { checkboxFacets, facetCounts, facetQueries, type FacetCounts } from './facets.ts';
import type { Place } from './labels.ts';
import type { SearchAppProps } from './SearchApp.tsx';
import { fromSearchParams } from './url-state.ts';

const noCounts = Object.fromEntries(checkboxFacets.map((f) => [f, {}])) as FacetCounts;

/** The cities "near" offers. */
async function placesForNear(): Promise<Place[]> {
  return nearPlaces(await content.practitioners());
}

/** Checkbox counts for a refused URL: those of browsing everything, or none when search is down. */
async function browseCounts(): Promise<FacetCounts> {
  try {
    return facetCounts((await searchIndex.search({ perPage: 1 })).facets, {});
  } catch {
    return noCounts;
  }
}

/** The page's HTTP status and the island's props for a /search URL. */
export async function searchPageData(params: URLSearchParams): Promise<{ status: number; props: SearchAppProps }> {
  const places = await placesForNear();
  const parsed = parseSearchParams(params);
  if (!parsed.ok) {
    // Keep what the visitor typed in the form, so they can fix the one bad field.
    return { status: 400, props: { query: fromSearchParams(params), result: null, counts: await browseCounts(), error: parsed.error.message, places } };
  }
  const extras = facetQueries(parsed.query);
  try {
    const [main, ...more] = await Promise.all([searchIndex.search(parsed.query), ...extras.map((e) => searchIndex.search(e.query))]);
    const extra = Object.fromEntries(extras.map((e, i) => [e.field, more[i]!.facets[e.field]]));
    return { status: 200, props: { query: parsed.query, result: toApiResult(main!), counts: facetCounts(main!.facets, extra), error: null, places } };
  } catch (error) {
    if (error instanceof InvalidSearchQueryError) return { status: 400, props: { query: parsed.query, result: null, counts: noCounts, error: error.message, places } };
    if (!(error instanceof SearchUnavailableError)) throw error;
    return { status: 503, props: { query: parsed.query, result: null, counts: noCounts, error: `Search is unavailable right now (${error.message}). The galleries still work: browse by treatment or location.`, places } };
  }
}
