import type { PublishedCase, PublishedPhoto } from '../content/index.ts';
import { summarizeCase, type CaseSummary } from '../trust/index.ts';

/**
 * Each published case's summary, computed once per case object: a listing at 100k cases ranks
 * ~20k of them by it, and every page of that listing (and the home page) asks again. A case that
 * is published again or changed is a new object, so it is summarized anew; the old entry goes
 * with the old object.
 */
const summaries = new WeakMap<PublishedCase, CaseSummary<PublishedPhoto>>();

/** The case's summary (see `summarizeCase`), remembered for this case object. */
export function summaryOf(kase: PublishedCase): CaseSummary<PublishedPhoto> {
  let summary = summaries.get(kase);
  if (!summary) summaries.set(kase, (summary = summarizeCase(kase)));
  return summary;
}

/**
 * Cases in listing order: with a verified healed photo first, then the longest healed; cases
 * that tie keep the order they came in (newest published first). Cards are then made for one
 * page only, not for every case of the listing.
 */
export function inListingOrder(cases: readonly PublishedCase[]): PublishedCase[] {
  return cases
    .map((kase) => ({ kase, summary: summaryOf(kase) }))
    .sort((a, b) => Number(b.summary.hasVerifiedHealed) - Number(a.summary.hasVerifiedHealed) || b.summary.daysHealed - a.summary.daysHealed)
    .map(({ kase }) => kase);
}
