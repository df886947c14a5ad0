import type { APIRoute } from 'astro';
import { getLiveCollection } from 'astro:content';
import { content } from '../lib/content/server.ts';
import { placesOf } from '../lib/gallery/index.ts';
import { absoluteUrl } from '../lib/seo/absolute-url.ts';
import { renderSitemap } from '../lib/seo/sitemap.ts';
import { treatments } from '../lib/content/index.ts';

/** Every public page, rebuilt when any listing changes. */
export const GET: APIRoute = async (context) => {
  const { entries = [], cacheHint } = await getLiveCollection('cases');
  if (cacheHint) context.cache.set(cacheHint);
  context.cache.set({ maxAge: 3600 });
  const practitioners = await content.practitioners();
  const cases = entries.map((e) => e.data);
  const paths = [
    '/', '/about/', '/treatments/', '/locations/',
    ...treatments.map((t) => `/treatments/${t}/`),
    ...placesOf(practitioners, cases).flatMap((c) => [c.url, ...c.cities.map((city) => city.url)]),
    ...practitioners.map((p) => `/practitioners/${p.slug}/`),
    ...cases.map((c) => `/cases/${c.id}/`),
  ];
  const lastmod = new Map(cases.map((c) => [`/cases/${c.id}/`, c.publishedAt]));
  return new Response(renderSitemap(new URL(absoluteUrl('/')).origin, paths, lastmod), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
