import type { SignedInUser } from '../../../lib/accounts/types.ts';

/** Who may see an admin page: the admin, an anonymous visitor to send to sign in, or a practitioner to refuse. */
export type AdminGate = { kind: 'admin'; user: SignedInUser } | { kind: 'sign-in'; location: string } | { kind: 'forbidden' };

/** Admin pages: anonymous → sign in and come back here; practitioners → 403; admins → through. */
export function adminGate(user: SignedInUser | null, url: URL): AdminGate {
  if (!user) return { kind: 'sign-in', location: `/login?next=${encodeURIComponent(url.pathname + url.search)}` };
  return user.role === 'admin' ? { kind: 'admin', user } : { kind: 'forbidden' };
}

/** What an admin page needs of `Astro`. */
interface AdminPageContext {
  locals: App.Locals;
  url: URL;
  cache: { set(input: false): void };
  response: { status?: number; headers: Headers };
  redirect(path: string, status?: 302): Response;
}

/**
 * The start of every admin page: never cached and never stored by browsers; anonymous visitors
 * get a redirect to sign in (return it), practitioners a 403 status with the page's refusal.
 */
export function openAdminPage(astro: AdminPageContext): Exclude<AdminGate, { kind: 'sign-in' }> | Response {
  astro.cache.set(false);
  astro.response.headers.set('Cache-Control', 'private, no-store');
  const gate = adminGate(astro.locals.user, astro.url);
  if (gate.kind === 'sign-in') return astro.redirect(gate.location, 302);
  if (gate.kind === 'forbidden') astro.response.status = 403;
  return gate;
}

/** An ISO time or day as "3 Mar 2025, 14:05" (UTC), or "—". */
export function when(value: string | null | undefined, withTime = true): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC', ...(withTime && value.length > 10 ? { hour: '2-digit', minute: '2-digit' } : {}) });
}
