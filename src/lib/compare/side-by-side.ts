import { views, type Stage, type View } from '../content/vocabulary.ts';
import type { StageBadge } from '../trust/index.ts';

/** A photo as the side-by-side view reads it. */
export interface SidePhoto {
  view: View;
  badge: Pick<StageBadge, 'stage' | 'earnsHealedBadge'>;
}

/** The photos to show side by side: one per case, and whether they share a view and a stage. */
export interface SideBySide<P> {
  /** The view and stage every photo shares, or undefined when no pair is common to all. */
  common?: { view: View; stage: Stage };
  /** One photo per case, in the order given (undefined for a case without photos). */
  photos: (P | undefined)[];
}

/** Healed work is what a comparison is for: the furthest earned stage first. */
const stagePreference: readonly Stage[] = ['long-term', 'healed'];

/**
 * Picks one photo per case so a client compares like with like: the same view at the same
 * earned stage (long-term first, then healed; views in the vocabulary's order, hairline first),
 * the latest such photo of each case. Without a pair common to all, each case's `fallback`
 * (its best "after"). Pure.
 */
export function sideBySide<P extends SidePhoto>(cases: ReadonlyArray<{ timeline: readonly P[]; fallback?: P }>): SideBySide<P> {
  for (const stage of stagePreference) {
    for (const view of views) {
      const photos = cases.map((c) => c.timeline.filter((p) => p.view === view && p.badge.stage === stage && p.badge.earnsHealedBadge).at(-1));
      if (cases.length > 0 && photos.every((p) => p !== undefined)) return { common: { view, stage }, photos };
    }
  }
  return { photos: cases.map((c) => c.fallback ?? c.timeline.at(-1)) };
}
