import { jsonError, noStore } from '../accounts/responses.ts';
import { isSubmissionError } from '../submissions/errors.ts';
import { isModerationError, ModerationError } from './errors.ts';

/**
 * Runs a route's work and turns a refusal into the API's JSON error (`{error: {code, message,
 * field?}}`, 4xx). Anything else is our bug: logged, and a 500 that says so.
 */
export async function answer(work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (isModerationError(error) || isSubmissionError(error)) return jsonError(error.status, error.code, error.message, error.extra);
    console.error('[moderation] request failed:', error);
    return jsonError(500, 'internal-error', 'Something went wrong on our side; try again, and tell us if it keeps happening.');
  }
}

/** A JSON answer that is never cached (it depends on who asks). */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: noStore });
}

/** A moderation or report body is a few fields: anything larger is not one. */
const maxBodyBytes = 16 * 1024;

/** Whether the body is an HTML form post (the no-JavaScript pages) rather than JSON. */
export function isFormPost(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/** Reads a JSON or form-encoded body as a plain object (415 otherwise, 413 when too large, 400 when unparseable). */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) throw new ModerationError(413, 'body-too-large', `A body has at most ${maxBodyBytes / 1024} KB.`);
  if (type === 'application/json') {
    const text = await request.text();
    if (text.length > maxBodyBytes) throw new ModerationError(413, 'body-too-large', `A body has at most ${maxBodyBytes / 1024} KB.`);
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // falls through to the 400 below
    }
    throw new ModerationError(400, 'invalid-json', 'The body is not a JSON object.');
  }
  if (isFormPost(request)) {
    const form = await request.formData();
    return Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string'));
  }
  throw new ModerationError(415, 'unsupported-media-type', 'Send the body as application/json or a form (application/x-www-form-urlencoded).');
}
