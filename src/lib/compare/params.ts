/**
 * Parameters of `GET /api/compare` and `/compare`: the profile and place filters of search, and
 * nothing else (text, sorting and paging are search's). Pure.
 */
import { parseSearchParams, type SearchParamsResult } from '../search/query-params.ts';

/** The parameters a comparison takes, all with the meaning they have in `/api/search`. */
export const compareParamNames = ['treatment', 'norwood', 'ludwig', 'fitzpatrick', 'scarType', 'near', 'radiusKm', 'country', 'city'] as const;

/** Parses comparison parameters: 400-worthy error naming the parameter, or the typed filters. */
export function parseCompareParams(params: URLSearchParams): SearchParamsResult {
  for (const name of params.keys()) {
    if (!(compareParamNames as readonly string[]).includes(name)) {
      return { ok: false, error: { code: 'invalid-parameter', parameter: name.slice(0, 40) || '(empty name)', message: `${name.slice(0, 40)}: unknown parameter; use ${compareParamNames.join(', ')}` } };
    }
  }
  return parseSearchParams(params);
}
