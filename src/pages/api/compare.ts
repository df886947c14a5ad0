import { parseCompareParams } from '../../lib/compare/index.ts';
import { comparisons } from '../../lib/compare/server.ts';
import { apiRoute, HttpError, json } from '../../lib/http/index.ts';
import { SearchUnavailableError } from '../../lib/search/types.ts';

/**
 * Practitioners ranked by verified healed work on cases like the client's: the parameters of
 * /api/search that describe a client (`treatment`, `norwood`, `ludwig`, `fitzpatrick`,
 * `scarType`, `near`, `radiusKm`, `country`, `city`) → 200 `{practitioners, total, widened}`;
 * 400 naming a bad parameter; 503 while search is down.
 */
export const { GET, ALL } = apiRoute({
  GET: async (context) => {
    context.cache.set(false);
    const parsed = parseCompareParams(context.url.searchParams);
    if (!parsed.ok) throw new HttpError(400, parsed.error.code, parsed.error.message, { parameter: parsed.error.parameter });
    const { page: _page, perPage: _perPage, ...filters } = parsed.query;
    try {
      return json(await comparisons.compare(filters));
    } catch (error) {
      if (error instanceof SearchUnavailableError) throw new HttpError(503, 'search-unavailable', `Comparisons need search, which is unavailable right now (${error.message}); the galleries still work.`, {}, { 'Retry-After': '30' });
      throw error;
    }
  },
});
