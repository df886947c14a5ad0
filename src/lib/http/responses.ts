import { isBodyError, isHttpError } from './errors.ts';

/** Answers that depend on who asks are never stored by browsers or shared caches. */
export const noStore = { 'Cache-Control': 'no-store' } as const;

/** A JSON answer that is never cached (API answers depend on who asks or change with every write). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** A JSON error in the API's one shape: `{ error: { code, message, …extra } }`. */
export function jsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message, ...extra } }, status, headers);
}

/**
 * The answer for anything a route threw: an `HttpError` becomes its JSON 4xx; anything else is
 * our bug, logged with its stack and answered with a 500 that says so and shows nothing of it.
 */
export function errorResponse(error: unknown, where: string): Response {
  if (isHttpError(error)) return jsonError(error.status, error.code, error.message, error.extra, error.headers);
  console.error(`[http] ${where} failed:`, error);
  if (isDatabaseUnavailable(error)) {
    return jsonError(503, 'database-unavailable', 'Our database cannot answer right now; try again shortly. The galleries still work.', {}, { 'Retry-After': '30' });
  }
  return jsonError(500, 'internal-error', 'Something went wrong on our side; try again, and tell us if it keeps happening.');
}

/** 303 See Other to a path of this site (after a form post), never cached. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...noStore } });
}

/**
 * A no-JavaScript form's answer: runs `work`, then sends the browser back to `target` (303) with
 * the outcome in its query: what `work` returned, or `error=<code>` when it was refused. A body
 * that could not be read and our own bugs still throw (JSON 4xx, 500): no page can fix them.
 */
export async function sendBack(target: URL, work: () => Promise<Record<string, string>> | Record<string, string>): Promise<Response> {
  try {
    for (const [name, value] of Object.entries(await work())) target.searchParams.set(name, value);
  } catch (error) {
    if (!isHttpError(error) || isBodyError(error)) throw error;
    target.searchParams.set('error', error.code);
  }
  return seeOther(target.pathname + target.search);
}

/** SQLite primary result codes that mean "the database cannot be used now", not "this request is wrong". */
const unavailableCodes = new Set([5 /* BUSY */, 6 /* LOCKED */, 8 /* READONLY */, 10 /* IOERR */, 11 /* CORRUPT */, 13 /* FULL */, 14 /* CANTOPEN */, 26 /* NOTADB */]);

/** Whether a thrown error is node:sqlite saying the database is unusable (a 503, not a 500). */
function isDatabaseUnavailable(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  // Extended result codes carry the primary code in their low byte.
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' && unavailableCodes.has(errcode & 0xff);
}
