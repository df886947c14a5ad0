/**
 * What `GET /api/search` answers, shared by the endpoint, the server-rendered page and the island
 * (types and one pure mapping, no engine import: the island bundles this file).
 */
import type { Stage, Treatment } from '../../../lib/content/vocabulary.ts';
import type { EvidenceLevel } from '../../../lib/evidence/index.ts';
import type { FacetName, SearchHit, SearchResult } from '../../../lib/search/types.ts';

/** One hit as the public API shows it: what a result card needs, nothing internal. */
export interface ApiHit {
  /** Case folder name. */
  id: string;
  /** Case page URL. */
  url: string;
  practitioner: { slug: string; name: string };
  treatment: Treatment;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Best stage backed by a verified date (`before` when none). */
  stage: Stage;
  /** Days from the last session to the latest verified healed photo (0 when none). */
  daysHealed: number;
  /** Evidence level of the result photo the card shows. */
  evidence: EvidenceLevel;
  /** The client profile: Norwood or Ludwig stage, Fitzpatrick type, scar type. */
  profile: { norwood?: number; ludwig?: string; fitzpatrick: string; scarType?: string };
  /** True when the client confirmed the case through their one-time link. */
  clientConfirmed: boolean;
  /** 400 px AVIF thumbnail URL, `null` while its variant is being prepared. */
  thumbnail: string | null;
  /** Kilometres from `near`, one decimal; only when `near` was given. */
  distanceKm?: number;
}

/** The body of a 200 answer. */
export interface ApiResult {
  hits: ApiHit[];
  /** Exact number of matching cases. */
  total: number;
  page: number;
  perPage: number;
  /** Counts per value over all matching cases (not one page), per facet. */
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/** The body of a 4xx/5xx answer. */
export interface ApiError {
  error: { code: string; message: string; parameter?: string };
}

/** The public shape of one engine hit. */
export function toApiHit(hit: SearchHit): ApiHit {
  const out: ApiHit = {
    id: hit.id,
    url: hit.url,
    practitioner: { slug: hit.practitionerSlug, name: hit.practitionerName },
    treatment: hit.treatment,
    city: hit.city,
    country: hit.country,
    stage: hit.stage,
    daysHealed: hit.daysHealed,
    evidence: hit.evidence,
    profile: { ...(hit.norwood !== undefined && { norwood: hit.norwood }), ...(hit.ludwig && { ludwig: hit.ludwig }), fitzpatrick: hit.fitzpatrick, ...(hit.scarType && { scarType: hit.scarType }) },
    clientConfirmed: hit.clientConfirmed === true,
    thumbnail: hit.thumbnail ?? null,
  };
  if (hit.distanceKm !== undefined) out.distanceKm = Math.round(hit.distanceKm * 10) / 10;
  return out;
}

/** The public shape of an engine result. */
export function toApiResult(result: SearchResult): ApiResult {
  return { hits: result.hits.map(toApiHit), total: result.total, page: result.page, perPage: result.perPage, facets: result.facets };
}
