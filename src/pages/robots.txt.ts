import { apiRoute } from '../lib/http/index.ts';
import { absoluteUrl } from '../lib/seo/absolute-url.ts';

/** Crawlers may read every public page; the Sitemap line must be absolute (robots.txt is read from any host). */
export const { GET, ALL } = apiRoute({
  GET: () =>
    new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /admin\nSitemap: ${absoluteUrl('/sitemap.xml')}\n`, {
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
    }),
});
