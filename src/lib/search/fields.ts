import type { FacetName } from './types.ts';

/** Searchable fields, best first (Meilisearch's `searchableAttributes` order, embedded boosts). */
export const searchableFields = ['practitionerName', 'clinic', 'city', 'text'] as const;

/** The facets every result carries, in the port's order. */
export const facetNames: readonly FacetName[] = ['treatment', 'country', 'city', 'stage', 'fitzpatrick', 'evidence'];
