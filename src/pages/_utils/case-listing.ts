import type { AstroGlobal } from 'astro';
import { getLiveCollection } from 'astro:content';
import type { CaseFilter } from '../../lib/content/index.ts';
import { content } from '../../lib/content/server.ts';
import { caseCard, inListingOrder, pageFromPath, pageOf, type CaseCard, type ListingPage } from '../../lib/gallery/index.ts';

/**
 * The page of cards a listing route shows (verified healed first, longest healed first), tagged
 * for the route cache; undefined when the path's `page/N/` names no page (the route answers 404).
 */
export async function caseListingPage(astro: AstroGlobal, filter: CaseFilter): Promise<ListingPage<CaseCard> | undefined> {
  const page = pageFromPath(astro.params.page);
  if (page === undefined) return undefined;
  const { entries = [], cacheHint } = await getLiveCollection('cases', filter);
  if (cacheHint) astro.cache.set(cacheHint);
  const practitioners = new Map((await content.practitioners()).map((p) => [p.slug, p]));
  const listing = pageOf(inListingOrder(entries.map((e) => e.data)), page);
  return listing && { ...listing, items: listing.items.map((c) => caseCard(c, practitioners.get(c.practitionerSlug))) };
}
