/**
 * Live content collections over portfolios/. The loaders read the server's in-memory content
 * repository, which validated every file with the zod schemas of src/lib/content/schema.ts
 * (the same ones `npm run check` uses) and left invalid files out. Each entry carries cache tags,
 * so `Astro.cache.set(entry)` makes a page purgeable by the content it shows.
 */
import { defineLiveCollection } from 'astro:content';
import type { LiveLoader } from 'astro/loaders';
import { cacheTags } from './lib/cache/index.ts';
import type { CaseFilter, ListedCase, Practitioner, PublishedCase } from './lib/content/index.ts';
import { content } from './lib/content/server.ts';

const caseLoader: LiveLoader<PublishedCase, { id: string }, CaseFilter> = {
  name: 'healed-cases',
  async loadEntry({ filter }) {
    const kase = await content.case(filter.id);
    if (!kase) return undefined;
    return {
      id: kase.id,
      data: kase,
      cacheHint: { tags: [cacheTags.case(kase.id), cacheTags.practitioner(kase.practitionerSlug)] },
    };
  },
  async loadCollection({ filter }) {
    const cases = await content.cases(filter);
    return {
      // No per-entry tags: every change to a case also purges its practitioner and the listings
      // (tagsForChange), and 100k case tags would not fit in a shared cache's tag header.
      entries: cases.map((c) => ({ id: c.id, data: c })),
      // One practitioner's cases change only with that practitioner; any other list is a listing.
      cacheHint: { tags: [filter?.practitioner ? cacheTags.practitioner(filter.practitioner) : cacheTags.listing] },
    };
  },
};

/**
 * What listings need of the cases (`ListedCase`: id, practitioner, treatment, publish date, and
 * the listing rank it carries), for pages that count, order and page through cases: they make
 * cards for one page only, from `content.case`. A first start answers these before its cases
 * are all in memory.
 */
const listingLoader: LiveLoader<ListedCase, { id: string }, CaseFilter> = {
  name: 'healed-listings',
  async loadEntry({ filter }) {
    const kase = await content.case(filter.id);
    return kase && { id: kase.id, data: kase, cacheHint: { tags: [cacheTags.case(kase.id), cacheTags.practitioner(kase.practitionerSlug)] } };
  },
  async loadCollection({ filter }) {
    const cases = await content.listing(filter);
    return {
      entries: cases.map((c) => ({ id: c.id, data: c })),
      cacheHint: { tags: [filter?.practitioner ? cacheTags.practitioner(filter.practitioner) : cacheTags.listing] },
    };
  },
};

const practitionerLoader: LiveLoader<Practitioner, { id: string }, never> = {
  name: 'healed-practitioners',
  async loadEntry({ filter }) {
    const p = await content.practitioner(filter.id);
    return p && { id: p.slug, data: p, cacheHint: { tags: [cacheTags.practitioner(p.slug)] } };
  },
  async loadCollection() {
    const all = await content.practitioners();
    return {
      entries: all.map((p) => ({ id: p.slug, data: p })),
      cacheHint: { tags: [cacheTags.listing] },
    };
  },
};

export const collections = {
  cases: defineLiveCollection({ loader: caseLoader }),
  listings: defineLiveCollection({ loader: listingLoader }),
  practitioners: defineLiveCollection({ loader: practitionerLoader }),
};
