import { loginSchema } from './credentials.ts';
import type { Credentials } from './types.ts';

/** A login body is two short strings: anything larger is not a login. */
const MAX_BODY_BYTES = 8 * 1024;

/** An API error body: `{ error: { code, message, field? } }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** The request field at fault, for forms to show the message beside it. */
  field?: 'email' | 'password';
}

/** Credentials read from a request, or the status and error to answer with. */
export type LoginInput =
  | { ok: true; credentials: Credentials }
  | {
      ok: false;
      status: 400 | 413 | 415;
      error: ApiErrorBody;
      /** The problem in words fit to show beside the field (the API message prefixes the field name). */
      fieldMessage?: string;
      /** The email as submitted, for a form to show again. */
      submittedEmail?: string;
    };

/**
 * Reads `{email, password}` from a JSON body (API callers) or a form-encoded one (the no-JS login
 * form), validated by `loginSchema`. The first problem is named with its field.
 */
export async function readLoginInput(request: Request): Promise<LoginInput> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const isJson = type === 'application/json';
  if (!isJson && type !== 'application/x-www-form-urlencoded') {
    return { ok: false, status: 415, error: { code: 'unsupported-media-type', message: 'Send the credentials as application/json: {"email": "…", "password": "…"}.' } };
  }
  const text = await readBoundedText(request, MAX_BODY_BYTES);
  if (text === undefined) return { ok: false, status: 413, error: { code: 'body-too-large', message: `A login body has at most ${MAX_BODY_BYTES} bytes.` } };
  let body: unknown;
  if (isJson) {
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, error: { code: 'invalid-json', message: 'The body is not valid JSON: send {"email": "…", "password": "…"}.' } };
    }
  } else {
    // A browser form: take the two fields it has; buttons and the like are not "unknown fields".
    const form = new URLSearchParams(text);
    body = { email: form.get('email') ?? undefined, password: form.get('password') ?? undefined };
  }
  const parsed = loginSchema.safeParse(body);
  if (parsed.success) return { ok: true, credentials: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === 'email' || issue.path[0] === 'password' ? issue.path[0] : undefined;
  const where = field ?? (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body');
  const submitted = (body as { email?: unknown } | null)?.email;
  return {
    ok: false,
    status: 400,
    error: { code: 'invalid-request', message: `${where}: ${issue.message}`, ...(field && { field }) },
    fieldMessage: issue.message,
    ...(typeof submitted === 'string' && { submittedEmail: submitted.slice(0, 254) }),
  };
}

/** The body as text, or undefined once it passes `maxBytes` (reading stops there). */
async function readBoundedText(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return undefined;
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
