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
