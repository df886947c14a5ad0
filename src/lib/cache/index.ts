/** Route-cache tags and invalidation. */
export { cacheTags, tagsForChange, invalidateChange, type ContentChange, type TagInvalidator } from './tags.ts';
