/** Answers that depend on who asks are never stored by browsers or shared caches. */
export const noStore = { 'Cache-Control': 'no-store' } as const;

/** A JSON error in the API's one shape: `{ error: { code, message, …extra } }`. */
export function jsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { ...noStore, ...headers } });
}
