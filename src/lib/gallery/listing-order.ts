import type { ListedCase, PublishedCase } from '../content/index.ts';
import { healedRank, type HealedRank } from '../trust/index.ts';

/**
 * Each published case's rank, computed once per case object (two numbers: it stays small at any
 * size) and kept on the object itself, under a symbol that is not enumerable: spreads, JSON and
 * equality of cases are unchanged. A case that is published again or changed is a new object, so
 * it is ranked anew. (A WeakMap from case to rank did the same but cost ~0.3 s of the main thread
 * while a 100k-case start handed it every case.) Full summaries are not kept: a page needs 24
 * (~0.3 ms), and keeping them grew with every listing page a crawler walked.
 */
const rankKey = Symbol('healed.listingRank');
type Ranked = ListedCase & { [rankKey]?: HealedRank };

/** Remembers a rank computed elsewhere (a reader thread of the start-up read) for this case object. */
export function rememberRank(kase: ListedCase, rank: HealedRank): void {
  Object.defineProperty(kase, rankKey, { value: rank, writable: true, configurable: true });
}

/**
 * What a listing ranks the case by, remembered for this case object. A listing at 100k cases ranks
 * ~43k of them and every page of it asks again; only the page's 24 cards need a full summary.
 */
export function listingRank(kase: ListedCase): HealedRank {
  let rank = (kase as Ranked)[rankKey];
  if (!rank) {
    // A case listed alone (a first start's listing) comes ranked by its reader; a whole one is ranked here.
    if (!('photos' in kase)) throw new Error(`case ${kase.id} was listed without its rank: pass rememberRank as the repository's onRank`);
    rememberRank(kase, (rank = healedRank(kase as PublishedCase)));
  }
  return rank;
}

/**
 * Cases in listing order: with a verified healed photo first, then the longest healed; cases
 * that tie keep the order they came in (newest published first). Cards are then made for one
 * page only, not for every case of the listing.
 */
export function inListingOrder<C extends ListedCase>(cases: readonly C[]): C[] {
  return cases
    .map((kase) => ({ kase, rank: listingRank(kase) }))
    .sort((a, b) => Number(b.rank.hasVerifiedHealed) - Number(a.rank.hasVerifiedHealed) || b.rank.daysHealed - a.rank.daysHealed)
    .map(({ kase }) => kase);
}
