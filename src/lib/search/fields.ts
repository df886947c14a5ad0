import type { FacetName } from './types.ts';

/** Searchable fields, best first (Meilisearch's `searchableAttributes` order, embedded boosts). */
export const searchableFields = ['practitionerName', 'clinic', 'city', 'text'] as const;

/** The facets a result carries unless the query asks for others, in the port's order. */
export const facetNames: readonly FacetName[] = ['treatment', 'country', 'city', 'stage', 'fitzpatrick', 'evidence', 'norwood', 'ludwig', 'scarType'];

/** Every facet an engine can count: the public ones, plus `practitioner` (comparisons count cases per practitioner). */
export const allFacetNames: readonly FacetName[] = [...facetNames, 'practitioner'];

/** The document field behind a facet (the port names it for callers; documents name it for engines). */
export const facetField = (name: FacetName): string => (name === 'practitioner' ? 'practitionerSlug' : name);
