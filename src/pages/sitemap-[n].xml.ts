import type { APIRoute } from 'astro';
import { config } from '../lib/config/index.ts';
import { renderSitemap, sitemapFileCount, sitemapMaxUrls } from '../lib/seo/sitemap.ts';
import { sitemapPaths } from './_utils/sitemap-paths.ts';

/** File N of a sitemap past 50,000 URLs (listed by /sitemap.xml); 404 for any other N. */
export const GET: APIRoute = async (context) => {
  const { paths, lastmod } = await sitemapPaths(context);
  const n = /^[1-9]\d{0,3}$/.test(context.params.n ?? '') ? Number(context.params.n) : 0;
  const files = sitemapFileCount(paths.length);
  if (files === 1 || n < 1 || n > files) {
    context.cache.set(false);
    return new Response('No such sitemap file', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const chunk = paths.slice((n - 1) * sitemapMaxUrls, n * sitemapMaxUrls);
  return new Response(renderSitemap(config.site.origin, chunk, lastmod), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
