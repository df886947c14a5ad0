import { parseLoginInput, publicUser, type SignInResult } from '../../../lib/accounts/index.ts';
import { signInWithCookies } from '../../../lib/accounts/server.ts';
import { apiRoute, HttpError, isFormPost, json, jsonError, readFields } from '../../../lib/http/index.ts';

/** Sign in: `{email, password}` → 200 `{user}` + session cookie; 401 for any wrong pair; 429 while locked or busy. */
export const { POST, ALL } = apiRoute({
  POST: async (context) => {
    const input = parseLoginInput(await readFields(context.request), isFormPost(context.request));
    if (!input.ok) return jsonError(input.status, input.error.code, input.error.message, input.error.field ? { field: input.error.field } : {});
    const result = await signInWithCookies(context, input.credentials);
    if (result.ok) return json({ user: publicUser(result.user) });
    throw signInRefusal(result);
  },
});

/** The API's answer to a refused sign-in (the login page words the same outcomes for its form). */
function signInRefusal(result: Exclude<SignInResult, { ok: true }>): HttpError {
  switch (result.code) {
    case 'too-many-attempts':
    case 'busy': {
      const retry = { 'Retry-After': String(result.retryAfterSeconds) };
      if (result.code === 'busy') return new HttpError(429, 'busy', 'Too many sign-ins right now: try again in a moment.', {}, retry);
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return new HttpError(429, result.code, `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {}, retry);
    }
    case 'account-disabled':
      return new HttpError(403, result.code, 'This account is disabled: ask an admin of Healed to enable it.');
    default:
      return new HttpError(401, result.code, 'That email and password do not match an account.');
  }
}
