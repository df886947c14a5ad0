import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { accountsState, serverSessionCookie, userFromCookies } from './lib/accounts/server.ts';
import { needsAccounts } from './lib/accounts/routes.ts';
import { config } from './lib/config/index.ts';
import { startup } from './lib/gallery/server.ts';
import { jsonError } from './lib/http/index.ts';
import { applySecurityHeaders } from './lib/security/headers.ts';
import { refuseForeignOrigin } from './lib/security/origin.ts';
// Registers the submission flow's callbacks with the UploadThing route (production storage).
import './lib/submissions/uploadthing-deps.ts';

void startup;
// Migrate and seed the demo accounts (or refuse production with demo accounts) at start, not at
// the first sign-in. A failure is logged and leaves only the account routes answering 503.
void accountsState();

/** Security headers on every response, cached or not; before any route: origin check, accounts, `locals.user`. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await withAccounts(context, next);
  applySecurityHeaders(response.headers);
  return response;
});

/** Cross-site writes refused; account routes need a usable database; `locals.user` resolved. */
async function withAccounts(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const refused = refuseForeignOrigin(context.request, config.site.allowedOrigins);
  if (refused) return refused;
  const needed = needsAccounts(context.url.pathname);
  const accounts = await accountsState();
  if (!accounts.ok && needed) {
    return jsonError(503, accounts.code, 'Accounts are unavailable right now (the server log says why and how to fix it); the galleries still work.', {}, { 'Retry-After': '30' });
  }
  const hasSessionCookie = serverSessionCookie.read(context.cookies) !== undefined;
  context.locals.user = null;
  if (hasSessionCookie && accounts.ok) {
    try {
      context.locals.user = userFromCookies(context.cookies);
    } catch (error) {
      // The database failed after start: galleries are served as to anyone; account routes answer 503.
      console.error('[accounts] reading the session failed:', error);
      if (needed) return jsonError(503, 'accounts-unavailable', 'Accounts are unavailable right now; try again shortly. The galleries still work.', {}, { 'Retry-After': '30' });
    }
  }
  const response = await next();
  // Only real pages are kept: a 404 for every made-up /cases/<id> would fill the cache and
  // evict real pages, and a cached 404 would hide a case published later under that id.
  if (response.status >= 400) context.cache.set(false);
  if (hasSessionCookie) {
    // A response rendered for a session must never be stored and replayed to others. Done after
    // next(), because a page's own Astro.cache.set() would otherwise switch caching back on.
    context.cache.set(false);
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
  }
  return response;
}
