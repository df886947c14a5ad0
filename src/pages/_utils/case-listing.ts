import type { AstroGlobal } from 'astro';
import { getLiveCollection } from 'astro:content';
import type { CaseFilter, ListedCase, PublishedCase } from '../../lib/content/index.ts';
import { content } from '../../lib/content/server.ts';
import { caseCard, inListingOrder, pageFromPath, pageOf, type CaseCard, type ListingPage } from '../../lib/gallery/index.ts';

/**
 * The page of cards a listing route shows (verified healed first, longest healed first), tagged
 * for the route cache; undefined when the path's `page/N/` names no page (the route answers 404).
 */
export async function caseListingPage(astro: AstroGlobal, filter: CaseFilter): Promise<ListingPage<CaseCard> | undefined> {
  const page = pageFromPath(astro.params.page);
  if (page === undefined) return undefined;
  const { entries = [], cacheHint } = await getLiveCollection('listings', filter);
  if (cacheHint) astro.cache.set(cacheHint);
  const practitioners = new Map((await content.practitioners()).map((p) => [p.slug, p]));
  const listing = pageOf(inListingOrder(entries.map((e) => e.data)), page);
  return listing && { ...listing, items: (await wholeCases(listing.items)).map((c) => caseCard(c, practitioners.get(c.practitionerSlug))) };
}

/**
 * The whole cases of listed ones, in their order, for their cards (one page: 24 lookups). A case
 * withdrawn since the listing was made is left out.
 */
export async function wholeCases(listed: readonly ListedCase[]): Promise<PublishedCase[]> {
  return (await Promise.all(listed.map((c) => content.case(c.id)))).filter((c) => c !== undefined);
}
