import type { ContentRepository, Practitioner } from '../content/index.ts';
import { roundKm, haversineKm } from '../search/geo.ts';
import type { SearchIndex, SearchQuery } from '../search/types.ts';
import { practitionerStats } from '../trust/index.ts';
import { canWiden, minimumMatches, rankPractitioners, widenProfile } from './rank.ts';

/** The filters a comparison takes (those of search, minus text, sort and paging). */
export type CompareQuery = Pick<SearchQuery, 'treatment' | 'norwood' | 'ludwig' | 'fitzpatrick' | 'scarType' | 'near' | 'country' | 'city'>;

/** One practitioner of a comparison, as `GET /api/compare` answers it. */
export interface ComparedPractitioner {
  slug: string;
  name: string;
  city: string;
  country: string;
  /** From `near`, when given. */
  distanceKm?: number;
  /** Cases that match the profile: the `total` of /api/search with the same filters and `practitioner=<slug>`. */
  matchingCases: number;
  /** Of those, cases with a healed or long-term badge (a verified date 56+ days after the last session). */
  healedMatchingCases: number;
  /** The longest verified follow-up among their matching cases, in days. */
  longestHealedDays: number;
  /** Share of all their published cases with a verified healed photo, 0–1. */
  verifiedShare: number;
  /** Cases their clients confirmed through a client link. */
  clientConfirmedCases: number;
  /** Credentials an admin has verified. */
  verifiedCredentials: number;
  /** The matching case to show: the longest verified healed one, else the newest. */
  bestCase: { id: string; url: string };
}

/** A comparison: a page of ranked practitioners, how many matched, and whether the profile was widened. */
export interface Comparison {
  practitioners: ComparedPractitioner[];
  /** Practitioners with at least one matching case. */
  total: number;
  /** True when fewer than three practitioners matched, so Norwood and Fitzpatrick were widened one step. */
  widened: boolean;
}

/** Rows a comparison answers with (its ranking is exact for these). */
export const comparisonSize = 50;

/**
 * Ranks practitioners by verified healed work on cases like the client's. Counts come from the
 * search index (facet counts per practitioner, so `matchingCases` is by construction what
 * /api/search counts for that practitioner); the profile, credentials and overall share from
 * published content.
 */
export function createCompareService(deps: { search: SearchIndex; content: ContentRepository }) {
  /** Matching and healed-matching case counts per practitioner for a set of filters. */
  async function counts(filters: CompareQuery) {
    const [all, healed] = await Promise.all([
      deps.search.search({ ...filters, facets: ['practitioner'], perPage: 1 }),
      deps.search.search({ ...filters, healed: true, facets: ['practitioner'], perPage: 1 }),
    ]);
    return { matching: all.facets.practitioner ?? {}, healed: healed.facets.practitioner ?? {} };
  }

  /** The longest verified healed matching case of one practitioner, else their newest matching case. */
  async function bestCaseOf(filters: CompareQuery, slug: string): Promise<{ id: string; url: string; days: number } | undefined> {
    const healed = await deps.search.search({ ...filters, practitioner: [slug], healed: true, sort: 'healed-longest', perPage: 1 });
    const hit = healed.hits[0] ?? (await deps.search.search({ ...filters, practitioner: [slug], sort: 'newest', perPage: 1 })).hits[0];
    return hit && { id: hit.id, url: hit.url, days: healed.hits[0]?.daysHealed ?? 0 };
  }

  async function compare(query: CompareQuery): Promise<Comparison> {
    let filters: CompareQuery = { ...query };
    let found = await counts(filters);
    let widened = false;
    if (Object.keys(found.matching).length < minimumMatches && canWiden(filters)) {
      filters = { ...filters, ...widenProfile(filters) };
      found = await counts(filters);
      widened = true;
    }
    const slugs = Object.keys(found.matching);
    const practitioners = new Map((await Promise.all(slugs.map((slug) => deps.content.practitioner(slug)))).filter((p): p is Practitioner => p !== undefined).map((p) => [p.slug, p]));
    const candidates = rankPractitioners(
      [...practitioners.values()].map((p) => ({ slug: p.slug, name: p.name, matchingCases: found.matching[p.slug] ?? 0, healedMatchingCases: found.healed[p.slug] ?? 0, longestHealedDays: 0 })),
    );
    // The longest follow-up only breaks ties: it is looked up for the page, and for everyone tied
    // with its last row, so the page's order is exact without a search per practitioner.
    const last = candidates[Math.min(comparisonSize, candidates.length) - 1];
    const inPlay = last ? candidates.filter((c, i) => i < comparisonSize || (c.healedMatchingCases === last.healedMatchingCases && c.matchingCases === last.matchingCases)) : [];
    const rows = await Promise.all(
      inPlay.map(async (candidate) => {
        const p = practitioners.get(candidate.slug)!;
        const [best, cases] = await Promise.all([bestCaseOf(filters, p.slug), deps.content.cases({ practitioner: p.slug })]);
        const stats = practitionerStats(p, cases);
        const row: ComparedPractitioner = {
          slug: p.slug,
          name: p.name,
          city: p.city,
          country: p.country,
          ...(query.near && { distanceKm: roundKm(haversineKm(query.near.lat, query.near.lng, p.geo.lat, p.geo.lng)) }),
          matchingCases: candidate.matchingCases,
          healedMatchingCases: candidate.healedMatchingCases,
          longestHealedDays: best?.days ?? 0,
          verifiedShare: Math.round(stats.verifiedHealedShare * 100) / 100,
          clientConfirmedCases: cases.filter((c) => c.clientConfirmation).length,
          verifiedCredentials: p.credentials.filter((c) => c.verified).length,
          bestCase: best ? { id: best.id, url: best.url } : { id: '', url: '' },
        };
        return row;
      }),
    );
    return { practitioners: rankPractitioners(rows).slice(0, comparisonSize), total: candidates.length, widened };
  }

  return { compare };
}

export type CompareService = ReturnType<typeof createCompareService>;
