import type { APIRoute } from 'astro';

/**
 * robots.txt with an absolute sitemap URL (a relative one is invalid, and search engines and
 * Lighthouse reject it), from the origin the site is reached at.
 */
export const GET: APIRoute = (context) => {
  context.cache.set({ maxAge: 86_400, tags: ['robots'] });
  const body = `User-agent: *\nAllow: /\nSitemap: ${new URL('/sitemap.xml', context.url.origin).href}\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
