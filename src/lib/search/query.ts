import { allFacetNames, facetNames } from './fields.ts';
import { InvalidSearchQueryError, type FacetName, type SearchQuery, type SearchSort } from './types.ts';

/** Results per page when the query does not say. */
export const defaultPerPage = 20;
/** The port's upper bound on `perPage`. */
export const maxPerPage = 50;

/** A query both engines can run as is: defaults applied, every field checked. */
export interface ResolvedQuery {
  /** Trimmed free text; empty browses. */
  q: string;
  treatment: string[];
  country: string[];
  city: string[];
  norwood: number[];
  ludwig: string[];
  fitzpatrick: string[];
  scarType: string[];
  practitioner: string[];
  healed: boolean;
  clientConfirmed: boolean;
  evidence: string[];
  near?: { lat: number; lng: number; radiusKm?: number };
  /** Never `relevance` without text: there is nothing to be relevant to, so browsing is newest. */
  sort: SearchSort;
  page: number;
  perPage: number;
  /** The facets to count. */
  facets: FacetName[];
}

const fail = (parameter: string, message: string): never => {
  throw new InvalidSearchQueryError(parameter, message);
};

/**
 * Applies the port's defaults (relevance with text, newest without; page 1; 20 per page) and
 * refuses what no engine could answer. The API validates requests before this, so a throw here
 * means a caller bypassed it.
 */
export function resolveQuery(query: SearchQuery): ResolvedQuery {
  const q = (query.q ?? '').trim();
  const page = query.page ?? 1;
  const perPage = query.perPage ?? defaultPerPage;
  if (!Number.isInteger(page) || page < 1) fail('page', `must be a whole number ≥ 1, got ${page}`);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) fail('perPage', `must be a whole number 1–${maxPerPage}, got ${perPage}`);
  const near = query.near;
  if (near) {
    if (!(Math.abs(near.lat) <= 90) || !(Math.abs(near.lng) <= 180)) fail('near', 'latitude must be within ±90 and longitude within ±180');
    if (near.radiusKm !== undefined && !(near.radiusKm > 0)) fail('radiusKm', `must be more than 0, got ${near.radiusKm}`);
  }
  const sort = query.sort ?? (q ? 'relevance' : 'newest');
  if (sort === 'distance' && !near) fail('sort', '"distance" needs near=lat,lng');
  return {
    q,
    treatment: query.treatment ?? [],
    country: (query.country ?? []).map((c) => c.toUpperCase()),
    city: query.city ?? [],
    norwood: query.norwood ?? [],
    ludwig: query.ludwig ?? [],
    fitzpatrick: query.fitzpatrick ?? [],
    scarType: query.scarType ?? [],
    practitioner: query.practitioner ?? [],
    healed: query.healed === true,
    clientConfirmed: query.clientConfirmed === true,
    evidence: query.evidence ?? [],
    near,
    sort: sort === 'relevance' && !q ? 'newest' : sort,
    page,
    perPage,
    facets: query.facets ? allFacetNames.filter((name) => query.facets!.includes(name)) : [...facetNames],
  };
}

/** Facet and filter values compare like Meilisearch's: trimmed, compatibility-decomposed, lower case. */
export function facetKey(value: string): string {
  return value.trim().normalize('NFKD').toLowerCase();
}
