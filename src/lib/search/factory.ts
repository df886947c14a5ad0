import type { HealedConfig } from '../config/resolve.ts';
import { createEmbeddedSearchIndex } from './embedded.ts';
import { createMeilisearchIndex } from './meilisearch.ts';
import type { SearchIndex } from './types.ts';

/** The search engine config picks (`config.search`): embedded unless MEILI_URL is set. */
export function createSearchIndex(search: HealedConfig['search']): SearchIndex {
  const engine = (search as { engine: string }).engine;
  switch (search.engine) {
    case 'embedded':
      return createEmbeddedSearchIndex();
    case 'meilisearch':
      return createMeilisearchIndex({ url: search.url, key: search.key, index: search.index });
    default:
      throw new Error(`unknown search engine ${JSON.stringify(engine)}: use "embedded" (leave MEILI_URL empty) or "meilisearch" (set MEILI_URL)`);
  }
}
