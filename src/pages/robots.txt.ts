import { apiRoute } from '../lib/http/index.ts';
import { absoluteUrl } from '../lib/seo/absolute-url.ts';

/** Crawlers may read every public page; the Sitemap line must be absolute (a relative one is invalid), from SITE_URL. */
export const { GET, ALL } = apiRoute({
  GET: (context) => {
    context.cache.set({ maxAge: 86_400, tags: ['robots'] });
    const body = `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /admin\nSitemap: ${absoluteUrl('/sitemap.xml')}\n`;
    return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  },
});
