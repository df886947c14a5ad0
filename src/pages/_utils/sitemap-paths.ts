import type { APIContext } from 'astro';
import { getLiveCollection } from 'astro:content';
import { content } from '../../lib/content/server.ts';
import { treatments } from '../../lib/content/index.ts';
import { placesOf } from '../../lib/gallery/index.ts';

/** Every public page path, with the publish date of case pages; tags the answer as a listing. */
export async function sitemapPaths(context: APIContext): Promise<{ paths: string[]; lastmod: Map<string, Date> }> {
  const { entries = [], cacheHint } = await getLiveCollection('listings');
  if (cacheHint) context.cache.set(cacheHint);
  context.cache.set({ maxAge: 3600 });
  const practitioners = await content.practitioners();
  const cases = entries.map((e) => e.data);
  const paths = [
    '/', '/about/', '/treatments/', '/locations/', '/practitioners/', '/compare',
    ...treatments.map((t) => `/treatments/${t}/`),
    ...placesOf(practitioners, cases).flatMap((c) => [c.url, ...c.cities.map((city) => city.url)]),
    ...practitioners.map((p) => `/practitioners/${p.slug}/`),
    ...cases.map((c) => `/cases/${c.id}/`),
  ];
  return { paths, lastmod: new Map(cases.map((c) => [`/cases/${c.id}/`, c.publishedAt])) };
}
