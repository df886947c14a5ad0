import { jsonError, noStore } from '../accounts/responses.ts';
import { isSubmissionError, SubmissionError } from './errors.ts';

/**
 * Runs a route's work and turns a refusal into the API's JSON error (`{error: {code, message,
 * field?, problems?, hint?}}`, 4xx). Anything else is our bug: logged, and a 500 that says so.
 */
export async function answer(work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (isSubmissionError(error)) return jsonError(error.status, error.code, error.message, error.extra);
    console.error('[submissions] request failed:', error);
    return jsonError(500, 'internal-error', 'Something went wrong on our side; try again, and tell us if it keeps happening.');
  }
}

/** A JSON answer that is never cached (it depends on who asks). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** A JSON request body is a few fields and notes: anything larger is not a submission. */
const maxJsonBytes = 64 * 1024;

/** Reads a JSON body (415 unless application/json, 413 past 64 KB, 400 when it does not parse). */
export async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new SubmissionError(415, 'unsupported-media-type', 'Send the body as application/json.');
  if (Number(request.headers.get('content-length') ?? 0) > maxJsonBytes) throw bodyTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (request.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxJsonBytes) throw bodyTooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SubmissionError(400, 'invalid-json', 'The body is not valid JSON.');
  }
}

function bodyTooLarge(): SubmissionError {
  return new SubmissionError(413, 'body-too-large', `A submission body has at most ${maxJsonBytes / 1024} KB; notes are limited to 4000 characters.`);
}
