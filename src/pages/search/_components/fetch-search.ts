/** The island's calls to `GET /api/search`: the results, plus one small query per ticked facet field. */
import type { SearchQuery } from '../../../lib/search/types.ts';
import type { ApiError, ApiResult } from './api-shape.ts';
import type { CheckboxFacet } from './facets.ts';
import { searchHref } from './url-state.ts';

export type SearchAnswer =
  | { ok: true; result: ApiResult; extra: Partial<Record<CheckboxFacet, Record<string, number>>> }
  | { ok: false; message: string };

async function getResult(query: SearchQuery, signal: AbortSignal): Promise<{ ok: true; result: ApiResult } | { ok: false; message: string }> {
  const response = await fetch(searchHref(query, '/api/search'), { signal, headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as (ApiResult & ApiError) | null;
  if (response.ok && body?.hits) return { ok: true, result: body };
  return { ok: false, message: body?.error?.message ?? `Search answered ${response.status}. Try again shortly.` };
}

/** Runs the main query and the facet queries in parallel; all abort together. */
export async function fetchSearch(
  query: SearchQuery,
  facetQueries: Array<{ field: CheckboxFacet; query: SearchQuery }>,
  signal: AbortSignal,
): Promise<SearchAnswer> {
  const [main, ...more] = await Promise.all([getResult(query, signal), ...facetQueries.map((f) => getResult(f.query, signal))]);
  if (!main!.ok) return main!;
  const extra: Partial<Record<CheckboxFacet, Record<string, number>>> = {};
  facetQueries.forEach((f, i) => {
    const answer = more[i];
    // A failed count query only costs exact counts for that field, not the results.
    if (answer?.ok) extra[f.field] = answer.result.facets[f.field];
  });
  return { ok: true, result: main!.result, extra };
}
