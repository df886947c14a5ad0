import type { APIRoute } from 'astro';
import { jsonError, noStore, publicUser, readLoginInput } from '../../../lib/accounts/index.ts';
import { signInWithCookies } from '../../../lib/accounts/server.ts';

/** Sign in: `{email, password}` → 200 `{user}` + session cookie; 401 for any wrong pair; 429 while locked. */
export const POST: APIRoute = async (context) => {
  const input = await readLoginInput(context.request);
  if (!input.ok) return jsonError(input.status, input.error.code, input.error.message, input.error.field ? { field: input.error.field } : {});
  const result = await signInWithCookies(context, input.credentials);
  if (result.ok) return Response.json({ user: publicUser(result.user) }, { headers: noStore });
  if (result.code === 'too-many-attempts') {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return jsonError(429, result.code, `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {}, { 'Retry-After': String(result.retryAfterSeconds) });
  }
  return jsonError(401, result.code, 'That email and password do not match an account.');
};
