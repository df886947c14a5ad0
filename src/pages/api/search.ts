import { apiRoute } from '../../lib/http/index.ts';
import { parseSearchParams } from '../../lib/search/query-params.ts';
import { searchIndex } from '../../lib/search/server.ts';
import { InvalidSearchQueryError, SearchUnavailableError } from '../../lib/search/types.ts';
import { toApiResult, type ApiError } from '../search/_components/api-shape.ts';

// Answers change with every publish and are cheap to compute: never stored by browsers or the route cache.
const headers = { 'Cache-Control': 'no-store' };

const error = (status: number, body: ApiError['error']) => Response.json({ error: body } satisfies ApiError, { status, headers });

/** Case search: `{hits, total, page, perPage, facets}`; 400 naming a bad parameter; 503 when the engine is down. */
export const { GET, ALL } = apiRoute({ GET: async (context) => {
  context.cache.set(false);
  const parsed = parseSearchParams(context.url.searchParams);
  if (!parsed.ok) return error(400, parsed.error);
  try {
    return Response.json(toApiResult(await searchIndex.search(parsed.query)), { headers });
  } catch (cause) {
    // The schema should have caught it; the engine's own check is the backstop.
    if (cause instanceof InvalidSearchQueryError) return error(400, { code: 'invalid-parameter', parameter: cause.parameter, message: cause.message });
    if (cause instanceof SearchUnavailableError) {
      return error(503, { code: 'search-unavailable', message: `Search is unavailable right now (${cause.message}); the galleries still work. Try again shortly.` });
    }
    // Ours, not the caller's: log the detail, answer without it (no stack traces in bodies).
    console.error('[search] /api/search failed', cause);
    return error(500, { code: 'search-failed', message: 'Search failed on our side; the galleries still work. Try again shortly.' });
  }
} });
