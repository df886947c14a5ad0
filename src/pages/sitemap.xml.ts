import type { APIRoute } from 'astro';
import { config } from '../lib/config/index.ts';
import { renderSitemap, renderSitemapIndex, sitemapFileCount } from '../lib/seo/sitemap.ts';
import { sitemapPaths } from './_utils/sitemap-paths.ts';

const xml = { 'Content-Type': 'application/xml; charset=utf-8' };

/** Every public page, rebuilt when any listing changes; past 50,000 URLs, an index of sitemap files. */
export const GET: APIRoute = async (context) => {
  const { paths, lastmod } = await sitemapPaths(context);
  const files = sitemapFileCount(paths.length);
  const body = files === 1 ? renderSitemap(config.site.origin, paths, lastmod) : renderSitemapIndex(config.site.origin, files);
  return new Response(body, { headers: xml });
};
