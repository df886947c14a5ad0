import memoryCache from 'astro/cache/memory';
import { describe, expect, it } from 'vitest';
import { cacheTags, invalidateChange, tagsForChange } from '../../src/lib/cache/index.ts';

const logger = { info() {}, warn() {}, error() {} };

/** A page response the way Astro hands it to the cache provider: max-age and tags in headers. */
function page(body: string, tags: string[]) {
  return new Response(body, { headers: { 'CDN-Cache-Control': 'max-age=3600', 'Cache-Tag': tags.join(',') } });
}

describe('cache tags', () => {
  it('touches the case, its practitioner and the listings', () => {
    expect(tagsForChange({ practitionerSlug: 'ana-ribeiro', caseId: 'ana-1' })).toEqual(['case:ana-1', 'practitioner:ana-ribeiro', 'listing']);
    expect(tagsForChange({ practitionerSlug: 'ana-ribeiro' })).toEqual(['practitioner:ana-ribeiro', 'listing']);
  });

  it('purges exactly the pages that show the change from Astro\'s memory cache', async () => {
    const provider = memoryCache(undefined);
    const fetchThrough = async (path: string, tags: string[]) => {
      let rendered = false;
      const res = await provider.onRequest!(
        { request: new Request(`http://x${path}`), url: new URL(`http://x${path}`), logger },
        async () => ((rendered = true), page(path, tags)),
      );
      return { rendered, cache: res.headers.get('X-Astro-Cache') };
    };
    const pages: [string, string[]][] = [
      ['/cases/ana-1/', [cacheTags.case('ana-1'), cacheTags.practitioner('ana')]],
      ['/cases/ben-1/', [cacheTags.case('ben-1'), cacheTags.practitioner('ben')]],
      ['/practitioners/ana/', [cacheTags.practitioner('ana')]],
      ['/practitioners/ben/', [cacheTags.practitioner('ben')]],
      ['/', [cacheTags.listing]],
    ];
    for (const [path, tags] of pages) expect((await fetchThrough(path, tags)).cache).toBe('MISS');
    for (const [path, tags] of pages) expect((await fetchThrough(path, tags)).cache).toBe('HIT');

    await invalidateChange(provider, { practitionerSlug: 'ana', caseId: 'ana-1' });

    const after = Object.fromEntries(await Promise.all(pages.map(async ([p, t]) => [p, (await fetchThrough(p, t)).rendered])));
    expect(after).toEqual({ '/cases/ana-1/': true, '/cases/ben-1/': false, '/practitioners/ana/': true, '/practitioners/ben/': false, '/': true });
  });
});
