import type { APIContext, APIRoute } from 'astro';
import { HttpError } from './errors.ts';
import { errorResponse, noStore } from './responses.ts';

/** The methods an API route may answer. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route's handlers by method; each may throw `HttpError` for the caller's mistakes. */
export type Handlers = Partial<Record<Method, (context: APIContext) => Response | Promise<Response>>>;

/**
 * An API route: its handlers, each wrapped so a thrown `HttpError` becomes the JSON 4xx and
 * anything else a logged 500, plus an `ALL` fallback that answers other methods `405` with
 * `Allow` (Astro alone answers them 404), `HEAD` through `GET`, and `OPTIONS` with `204`.
 * Use: `export const { GET, POST, ALL } = apiRoute({ GET: …, POST: … });`
 */
export function apiRoute<H extends Handlers>(handlers: H): { [K in keyof H]: APIRoute } & { ALL: APIRoute } {
  const wrapped: Record<string, APIRoute> = {};
  for (const [method, handler] of Object.entries(handlers) as Array<[Method, NonNullable<Handlers[Method]>]>) {
    wrapped[method] = async (context) => {
      try {
        return await handler(context);
      } catch (error) {
        return errorResponse(error, `${method} ${context.url.pathname}`);
      }
    };
  }
  const allow = [...Object.keys(handlers), ...('GET' in handlers ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  wrapped.ALL = (context) => {
    const method = context.request.method.toUpperCase();
    // Astro falls back to ALL before its own HEAD → GET rule, so HEAD is routed here.
    if (method === 'HEAD' && wrapped.GET) return wrapped.GET(context);
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow, ...noStore } });
    return errorResponse(new HttpError(405, 'method-not-allowed', `${method} is not answered here: use ${allow}.`, {}, { Allow: allow }), method);
  };
  return wrapped as { [K in keyof H]: APIRoute } & { ALL: APIRoute };
}
