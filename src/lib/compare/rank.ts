/**
 * Like-for-like comparison of practitioners: the ranking rule and the "nearby profiles" widening,
 * as plain functions over plain data (the service feeds them search counts).
 */
import { fitzpatrickTypes } from '../content/vocabulary.ts';

type FitzpatrickType = (typeof fitzpatrickTypes)[number];

/** What the ranking reads of one practitioner, over the cases that match the client's profile. */
export interface PractitionerMatch {
  slug: string;
  name: string;
  /** Matching cases with a healed or long-term badge (a verified date, 56+ days after the last session). */
  healedMatchingCases: number;
  /** Matching cases in all. */
  matchingCases: number;
  /** The longest follow-up among their matching healed cases, in days (0 when none). */
  longestHealedDays: number;
}

/**
 * Orders practitioners by verified healed work on cases like the client's: more matching healed
 * cases first, then more matching cases, then the longer follow-up; ties by name (as people
 * read them, accents ignored), then slug so the order is total. Pure; returns a new array.
 */
export function rankPractitioners<T extends PractitionerMatch>(rows: readonly T[]): T[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  return [...rows].sort(
    (a, b) =>
      b.healedMatchingCases - a.healedMatchingCases ||
      b.matchingCases - a.matchingCases ||
      b.longestHealedDays - a.longestHealedDays ||
      collator.compare(a.name, b.name) ||
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
}

/** The profile a client states; absent fields do not filter. */
export interface ProfileFilter {
  norwood?: number[];
  ludwig?: ('I' | 'II' | 'III')[];
  fitzpatrick?: FitzpatrickType[];
}

/** Fewer practitioners than this match: the comparison widens the profile one step and says so. */
export const minimumMatches = 3;

/**
 * The profile one step wider: each Norwood stage and Fitzpatrick type with its neighbours
 * (Norwood 4 → 3, 4, 5; type III → II, III, IV). Ludwig has only three stages, too coarse to widen
 * meaningfully. Pure.
 */
export function widenProfile(profile: ProfileFilter): ProfileFilter {
  const widened: ProfileFilter = { ...profile };
  if (profile.norwood?.length) {
    widened.norwood = [...new Set(profile.norwood.flatMap((n) => [n - 1, n, n + 1]))].filter((n) => n >= 1 && n <= 7).sort((a, b) => a - b);
  }
  if (profile.fitzpatrick?.length) {
    const index = (t: FitzpatrickType) => fitzpatrickTypes.indexOf(t);
    const near = new Set(profile.fitzpatrick.flatMap((t) => [index(t) - 1, index(t), index(t) + 1]));
    widened.fitzpatrick = fitzpatrickTypes.filter((_, i) => near.has(i));
  }
  return widened;
}

/** Whether widening would change anything (a profile without Norwood or Fitzpatrick cannot widen). */
export function canWiden(profile: ProfileFilter): boolean {
  return Boolean(profile.norwood?.length || profile.fitzpatrick?.length);
}
