/**
 * Public face of the search capability. Pages call `searchIndex` from `server.ts`; scripts and
 * tests build engines with `createSearchIndex()` and documents with `buildCaseDocument()`.
 */
export type {
  CaseDocument, FacetName, ReplaceAllOptions, SearchHit, SearchIndex, SearchQuery, SearchResult, SearchSort,
} from './types.ts';
export { InvalidSearchQueryError, SearchUnavailableError } from './types.ts';
export { createSearchIndex } from './factory.ts';
export { createEmbeddedSearchIndex } from './embedded.ts';
export { createMeilisearchIndex, type MeilisearchOptions } from './meilisearch.ts';
export { buildCaseDocument, buildCaseDocuments, thumbnailUrl, thumbnailWidth, type ThumbnailFor } from './document.ts';
export { documentsFingerprint } from './fingerprint.ts';
export { indexContent, indexCase, documentsOf, type IndexContentOptions, type IndexContentReport, type ThumbnailSource } from './reindex.ts';
export { resolveQuery, defaultPerPage, maxPerPage, type ResolvedQuery } from './query.ts';
export { facetNames, searchableFields } from './fields.ts';
export { haversineKm } from './geo.ts';
