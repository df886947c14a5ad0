import { config } from '../config/index.ts';
import type { ContentRepository } from '../content/repository.ts';
import { content as serverContent } from '../content/server.ts';
import { variantStore } from '../images/server.ts';
import { createSearchIndex } from './factory.ts';
import { indexCase, indexContent, type IndexContentOptions, type IndexContentReport, type ThumbnailSource } from './reindex.ts';
import type { SearchIndex } from './types.ts';

/**
 * The server's one search index, from `astro:env` config: embedded unless MEILI_URL is set.
 * Server-only; scripts build their own with `createSearchIndex(configFromProcess().search)`.
 * Start-up (`src/lib/gallery/startup.ts`) fills it.
 */
export const searchIndex: SearchIndex = createSearchIndex(config.search);

/** Indexes all published content into `searchIndex` (rebuilding only when missing or stale). */
export function indexPublishedContent(
  content: ContentRepository = serverContent,
  store: ThumbnailSource = variantStore,
  options?: IndexContentOptions,
): Promise<IndexContentReport> {
  return indexContent(searchIndex, content, store, options);
}

/** Updates the search documents of every case of a practitioner (their name, city or coordinates changed). */
export async function indexPractitionerCases(slug: string): Promise<void> {
  for (const kase of await serverContent.cases({ practitioner: slug })) await indexPublishedCase(kase.id);
}

/** Updates one case in `searchIndex` after it was published or withdrawn (publish flow). */
export function indexPublishedCase(id: string): Promise<'indexed' | 'removed'> {
  return indexCase(searchIndex, serverContent, variantStore, id);
}
