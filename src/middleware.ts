import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { accountsReady, serverSessionCookie, userFromCookies } from './lib/accounts/server.ts';
import { DemoAccountsInProductionError } from './lib/accounts/demo-accounts.ts';
import { applySecurityHeaders } from './lib/security/headers.ts';
import { refuseForeignOrigin } from './lib/security/origin.ts';
import { startup } from './lib/gallery/server.ts';
// Registers the submission flow's callbacks with the UploadThing route (production storage).
import './lib/submissions/uploadthing-deps.ts';

void startup;
// Seed the demo accounts (or refuse production with demo accounts) at start, not at the first sign-in.
void accountsReady();

/** Security headers on every response, cached or not; before any route: origin check, accounts ready, `locals.user`. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await withAccounts(context, next);
  applySecurityHeaders(response.headers);
  return response;
});

/** Cross-site writes refused; nothing served until accounts are ready; `locals.user` resolved. */
async function withAccounts(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const refused = refuseForeignOrigin(context.request, context.url);
  if (refused) return refused;
  try {
    await accountsReady();
  } catch (error) {
    // "Refuses to start": every request, /api/health included, answers 503; the log says why and how to fix it.
    const code = error instanceof DemoAccountsInProductionError ? 'demo-accounts-in-production' : 'accounts-unavailable';
    const message = 'Healed is not serving: the accounts database is not usable (see the server log for why and how to fix it).';
    return Response.json({ status: 'refused', error: { code, message } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
  const hasSessionCookie = serverSessionCookie.read(context.cookies) !== undefined;
  context.locals.user = hasSessionCookie ? userFromCookies(context.cookies) : null;
  const response = await next();
  if (hasSessionCookie) {
    // A response rendered for a session must never be stored and replayed to others. Done after
    // next(), because a page's own Astro.cache.set() would otherwise switch caching back on.
    context.cache.set(false);
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
  }
  return response;
}
