/**
 * Headers for a shared HTTP cache in front (Varnish, a CDN), derived from what Astro's route cache
 * was told: the page's `CDN-Cache-Control` (from routeRules / `Astro.cache.set`) and `Cache-Tag`.
 */

/** The header Varnish's vmod xkey reads a response's purge keys from (space-separated). */
export const tagHeader = 'xkey';

/** Seconds and tags of a route-cacheable answer, or undefined when it is not cacheable. */
export function sharedCachePolicy(headers: Headers): { maxAge: number; swr: number; tags: string[] } | undefined {
  const directives = headers.get('CDN-Cache-Control');
  if (!directives) return undefined;
  const seconds = (name: string) => Number(new RegExp(`(?:^|,)\\s*${name}=(\\d+)`, 'i').exec(directives)?.[1] ?? 0);
  const maxAge = seconds('max-age');
  if (maxAge <= 0) return undefined;
  const tags = (headers.get('Cache-Tag') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  return { maxAge, swr: seconds('stale-while-revalidate'), tags };
}

/** Whether an answer sets a cookie: in its headers, or through `Astro.cookies` (added after the cache layer). */
function setsCookie(response: Response): boolean {
  if (response.headers.has('Set-Cookie')) return true;
  const cookies = Reflect.get(response, Symbol.for('astro.cookies')) as { headers(): Iterator<string> } | undefined;
  return cookies ? !cookies.headers().next().done : false;
}

/**
 * Marks an answer for shared caches. A route-cacheable public answer gets `Cache-Control: public,
 * max-age=0, s-maxage=…` (browsers revalidate, so a withdrawal is never stuck in a browser for an
 * hour; the shared cache holds it until a purge) and its tags in `xkey`. Anything else that says
 * nothing about caching gets `no-store`: a shared cache stores only what the app marked public.
 * An answer that sets a cookie is never public.
 */
export function applySharedCacheHeaders(response: Response): void {
  const { headers } = response;
  const policy = sharedCachePolicy(headers);
  if (!policy || setsCookie(response)) {
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    return;
  }
  if (!headers.has('Cache-Control')) {
    const swr = policy.swr ? `, stale-while-revalidate=${policy.swr}` : '';
    headers.set('Cache-Control', `public, max-age=0, s-maxage=${policy.maxAge}${swr}`);
  }
  if (policy.tags.length) headers.set(tagHeader, policy.tags.join(' '));
}
