import type { APIRoute } from 'astro';
import { signOutWithCookies } from '../../../lib/accounts/server.ts';

/** Sign out: ends the session and clears the cookie. A browser form is sent on to /login; API callers get 204. */
export const POST: APIRoute = (context) => {
  signOutWithCookies(context);
  const fromForm = (context.request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  if (fromForm) return new Response(null, { status: 303, headers: { Location: '/login?signed-out=1', 'Cache-Control': 'no-store' } });
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
};
