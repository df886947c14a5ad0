/**
 * Route-cache tags. Every cached page names the content it shows, so a change to a case purges
 * exactly the pages that show it: its own page, its practitioner's page, and the listings.
 */
export const cacheTags = {
  case: (id: string) => `case:${id}`,
  practitioner: (slug: string) => `practitioner:${slug}`,
  /** Home, treatment, location and sitemap pages: anything that lists cases. */
  listing: 'listing',
} as const;

/** A change to published content. */
export interface ContentChange {
  practitionerSlug: string;
  /** The case published, updated or withdrawn; absent when only the profile changed. */
  caseId?: string;
}

/** Tags a content change touches. Pure. */
export function tagsForChange(change: ContentChange): string[] {
  const tags = [cacheTags.practitioner(change.practitionerSlug), cacheTags.listing];
  if (change.caseId) tags.unshift(cacheTags.case(change.caseId));
  return tags;
}

/** Anything that can purge by tag: `Astro.cache`, `context.cache`, or a CDN provider. */
export interface TagInvalidator {
  invalidate(options: { tags: string[] }): Promise<void>;
}

/**
 * Purges every page a content change touches, after the content repository has been refreshed
 * (ready for publishing and withdrawal): the next request renders the new state.
 */
export async function invalidateChange(cache: TagInvalidator, change: ContentChange): Promise<string[]> {
  const tags = tagsForChange(change);
  await cache.invalidate({ tags });
  return tags;
}
