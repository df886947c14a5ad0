/**
 * Route-cache tags. Every cached page names the content it shows, so a change to a case purges
 * exactly the pages that show it: its own page, its practitioner's page, and the listings.
 */
export const cacheTags = {
  case: (id: string) => `case:${id}`,
  practitioner: (slug: string) => `practitioner:${slug}`,
  /** Home, treatment, location and sitemap pages: anything that lists cases. */
  listing: 'listing',
  /** An image variant's answers (`/img/…`), by the master's SHA-256: purged when it is deleted. */
  photo: (sha256: string) => `photo:${sha256}`,
} as const;

/** A change to published content. */
export interface ContentChange {
  practitionerSlug: string;
  /** The case published, updated or withdrawn; absent when only the profile changed. */
  caseId?: string;
}

/** Tags a content change touches (and the photos whose variants it deleted). Pure. */
export function tagsForChange(change: ContentChange, deletedPhotos: readonly string[] = []): string[] {
  const tags = [cacheTags.practitioner(change.practitionerSlug), cacheTags.listing];
  if (change.caseId) tags.unshift(cacheTags.case(change.caseId));
  return [...tags, ...deletedPhotos.map(cacheTags.photo)];
}

/** The content change a set of tags names (the inverse of tagsForChange), if any. Pure. */
export function changeOfTags(tags: readonly string[]): ContentChange | undefined {
  const value = (prefix: string) => tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
  const practitionerSlug = value('practitioner:');
  if (!practitionerSlug) return undefined;
  const caseId = value('case:');
  return caseId ? { practitionerSlug, caseId } : { practitionerSlug };
}

/** Anything that can purge by tag: `Astro.cache`, `context.cache`, or a CDN provider. */
export interface TagInvalidator {
  invalidate(options: { tags: string[] }): Promise<void>;
}

/**
 * Purges every page a content change touches, after the content repository has been refreshed
 * (ready for publishing and withdrawal): the next request renders the new state.
 */
export async function invalidateChange(cache: TagInvalidator, change: ContentChange, deletedPhotos: readonly string[] = []): Promise<string[]> {
  const tags = tagsForChange(change, deletedPhotos);
  await cache.invalidate({ tags });
  return tags;
}
