/**
 * The search port. Callers build a typed `SearchQuery`, never a raw filter string, so no request
 * parameter can reach an engine's filter syntax. Two implementations pass one contract suite:
 * an embedded in-process engine (default) and Meilisearch (when MEILI_URL is set).
 */
import type { Stage, Treatment } from '../content/vocabulary.ts';
import type { EvidenceLevel } from '../evidence/index.ts';

/** One published case, as indexed. */
export interface CaseDocument {
  /** Case folder name (unique across portfolios). */
  id: string;
  /** Public URL of the case page. */
  url: string;
  practitionerSlug: string;
  practitionerName: string;
  clinic?: string;
  treatment: Treatment;
  city: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Clinic location, Meilisearch's reserved geo field shape. */
  _geo: { lat: number; lng: number };
  norwood?: number;
  ludwig?: 'I' | 'II' | 'III';
  fitzpatrick: 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI';
  scarType?: 'fue' | 'fut' | 'injury';
  /** Best stage backed by a verified (EXIF) date; `before` when none. */
  stage: Stage;
  /** True when the case has a verified healed or long-term photo. */
  verifiedHealed: boolean;
  /** True when the client confirmed the case through their one-time link. */
  clientConfirmed: boolean;
  /** Evidence level of the case's result photo (the "after" its card shows). */
  evidence: EvidenceLevel;
  /** Days from the last session to the latest verified healed photo (0 when none). */
  daysHealed: number;
  /** Last session, as a Unix timestamp in seconds (sortable in both engines). */
  lastSessionAt: number;
  /** Publication date, Unix seconds. */
  publishedAt: number;
  /** URL of a small thumbnail variant (AVIF 400 px), if prepared. */
  thumbnail?: string;
  /** Free text: practitioner, clinic, city, country name, treatment label, notes. */
  text: string;
}

export type SearchSort = 'relevance' | 'newest' | 'healed-longest' | 'distance';

/** A typed query. Empty arrays and absent fields do not filter. */
export interface SearchQuery {
  /** Free text; empty browses everything. */
  q?: string;
  treatment?: Treatment[];
  /** Country codes, upper case. */
  country?: string[];
  /** City names as indexed (exact, case-insensitive). */
  city?: string[];
  norwood?: number[];
  ludwig?: ('I' | 'II' | 'III')[];
  fitzpatrick?: ('I' | 'II' | 'III' | 'IV' | 'V' | 'VI')[];
  scarType?: ('fue' | 'fut' | 'injury')[];
  /** Practitioner slugs (OR): one portfolio's cases, for comparisons. */
  practitioner?: string[];
  /** Only verified healed or long-term cases. */
  healed?: boolean;
  /** Only cases their clients confirmed. */
  clientConfirmed?: boolean;
  /** Evidence levels of the result photo (OR). */
  evidence?: EvidenceLevel[];
  /** Centre for a radius filter and/or distance sort. */
  near?: { lat: number; lng: number; radiusKm?: number };
  sort?: SearchSort;
  /** 1-based page. */
  page?: number;
  /** 1–50. */
  perPage?: number;
  /** Which facets to count (default `facetNames`, the public ones); `practitioner` is for comparisons. */
  facets?: FacetName[];
}

/** One hit: the document plus the distance when `near` was given. */
export type SearchHit = CaseDocument & { distanceKm?: number };

export type FacetName = 'treatment' | 'country' | 'city' | 'stage' | 'fitzpatrick' | 'evidence' | 'norwood' | 'ludwig' | 'scarType' | 'practitioner';

export interface SearchResult {
  hits: SearchHit[];
  /** Exact number of matching documents. */
  total: number;
  page: number;
  perPage: number;
  /** Counts over ALL filtered hits (not one page), per facet value, for the facets asked for. */
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/** Options of `replaceAll` (both optional, so callers may ignore them). */
export interface ReplaceAllOptions {
  /** Fingerprint of `docs`, stored with the index so the next start can tell it is current. */
  fingerprint?: string;
  /** Called as documents are indexed (done of total), for `npm run index`. */
  onProgress?: (done: number, total: number) => void;
}

/** The port. Every write resolves only once the change is searchable. */
export interface SearchIndex {
  /** Engine name for /api/health, e.g. `embedded` or `meilisearch`. */
  readonly engine: string;
  /** Applies settings (idempotent); call once at start. */
  init(): Promise<void>;
  upsert(docs: CaseDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Replaces the whole index atomically (Meilisearch: temp index + swap). */
  replaceAll(docs: CaseDocument[], options?: ReplaceAllOptions): Promise<void>;
  /**
   * The fingerprint given to the last `replaceAll` that this index still holds, or `undefined`
   * when the index is missing or was never built (start-up then rebuilds it).
   */
  indexedFingerprint?(): Promise<string | undefined>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Number of documents and whether the engine answers. */
  health(): Promise<{ ok: boolean; documents?: number; message?: string }>;
}

/**
 * Thrown by `search()` for a query no engine can answer (e.g. `sort: 'distance'` without `near`,
 * `perPage` 0). Callers that validate first never see it; an API should answer 400.
 */
export class InvalidSearchQueryError extends Error {
  override name = 'InvalidSearchQueryError';
  /** The query field at fault, e.g. `sort`. */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.parameter = parameter;
  }
}

/** Thrown when the engine cannot be reached; the API answers 503 with its message. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}
