import { isoDay } from '../trust/index.ts';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A sitemap.xml for these paths; `lastmod` where known. Pure. */
export function renderSitemap(origin: string, paths: string[], lastmod: Map<string, Date>): string {
  const urls = paths.map((p) => {
    const mod = lastmod.get(p);
    return `  <url><loc>${escapeXml(origin + p)}</loc>${mod ? `<lastmod>${isoDay(mod)}</lastmod>` : ''}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap protocol's limit of URLs per file; a larger site lists its files in an index. */
export const sitemapMaxUrls = 50_000;

/** How many sitemap files `urlCount` URLs need (at least one). Pure. */
export function sitemapFileCount(urlCount: number, max = sitemapMaxUrls): number {
  return Math.max(1, Math.ceil(urlCount / max));
}

/** A sitemap index naming `/sitemap-1.xml` … `/sitemap-N.xml`. Pure. */
export function renderSitemapIndex(origin: string, files: number): string {
  const entries = Array.from({ length: files }, (_, i) => `  <sitemap><loc>${escapeXml(`${origin}/sitemap-${i + 1}.xml`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}
