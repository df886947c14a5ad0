import { describe, expect, it } from 'vitest';
import { renderSitemapIndex, sitemapFileCount, sitemapMaxUrls } from '../../src/lib/seo/sitemap.ts';

describe('sitemap files', () => {
  it('stays one file up to the protocol limit of 50,000 URLs, then splits', () => {
    expect(sitemapFileCount(27)).toBe(1);
    expect(sitemapFileCount(sitemapMaxUrls)).toBe(1);
    expect(sitemapFileCount(sitemapMaxUrls + 1)).toBe(2);
    expect(sitemapFileCount(108_347)).toBe(3);
  });

  it('lists the files in an index with absolute URLs', () => {
    const index = renderSitemapIndex('https://healed.example', 2);
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect([...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual(['https://healed.example/sitemap-1.xml', 'https://healed.example/sitemap-2.xml']);
  });
});
