/**
 * Page caching: route-cache tags, invalidation across instances (through the database) and the
 * shared HTTP cache in front (Varnish xkey). Server code gets the feed from `./server.ts`.
 */
export { cacheTags, changeOfTags, tagsForChange, invalidateChange, type ContentChange, type TagInvalidator } from './tags.ts';
export { applySharedCacheHeaders, sharedCachePolicy, tagHeader } from './shared-headers.ts';
export { createInvalidationFeed, type InvalidationFeed, type InvalidationFeedDeps, type PurgeOutcome } from './invalidation-feed.ts';
export { createSharedCachePurge, createVarnishPurge, noSharedCache } from './varnish-purge.ts';
export { PurgeError, type SharedCachePurge } from './types.ts';
