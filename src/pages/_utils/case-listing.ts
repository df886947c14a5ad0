import type { AstroGlobal } from 'astro';
import { getLiveCollection } from 'astro:content';
import type { CaseFilter } from '../../lib/content/index.ts';
import { content } from '../../lib/content/server.ts';
import { caseCard, pageFromPath, pageOf, type CaseCard, type ListingPage } from '../../lib/gallery/index.ts';

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
  const cards = entries
    .map((e) => caseCard(e.data, practitioners.get(e.data.practitionerSlug)))
    .sort((a, b) => Number(b.summary.hasVerifiedHealed) - Number(a.summary.hasVerifiedHealed) || b.summary.daysHealed - a.summary.daysHealed);
  return pageOf(cards, page);
}
