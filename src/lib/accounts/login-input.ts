import { loginSchema } from './credentials.ts';
import type { Credentials } from './types.ts';

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
      status: 400;
      error: ApiErrorBody;
      /** The problem in words fit to show beside the field (the API message prefixes the field name). */
      fieldMessage?: string;
      /** The email as submitted, for a form to show again. */
      submittedEmail?: string;
    };

/**
 * Validates `{email, password}` read by the HTTP layer from a JSON body (API callers) or a form
 * (the no-JS login form), with `loginSchema`. The first problem is named with its field.
 */
export function parseLoginInput(fields: Record<string, unknown>, fromForm: boolean): LoginInput {
  // A browser form: take the two fields it has; buttons and the like are not "unknown fields".
  const body = fromForm ? { email: fields.email ?? undefined, password: fields.password ?? undefined } : fields;
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
