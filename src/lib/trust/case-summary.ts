import { stages, type Stage } from '../content/vocabulary.ts';
import type { EvidenceLevel } from '../evidence/index.ts';
import { stageBadge, type StageBadge } from './badge.ts';
import { sortedSessions } from './stage.ts';

/** The minimum a case needs for its trust summary. */
/** What a photo needs for the trust model: its date and its evidence level. */
export type TrustPhoto = { capturedAt: Date; evidence: { level: EvidenceLevel } };

export interface CaseForSummary<P extends TrustPhoto> {
  sessions: readonly Date[];
  /** Touch-up sessions added later (follow-ups); photos after one are counted from it. */
  touchUps?: readonly Date[];
  photos: readonly P[];
}

/** A photo with its computed badge. */
export type PhotoWithBadge<P> = P & { badge: StageBadge };

/** What a case proves, computed from its dates. */
export interface CaseSummary<P> {
  /** Photos oldest first, each with its badge. */
  timeline: PhotoWithBadge<P>[];
  /** The furthest stage backed by a verified date (`before` when none is). */
  bestVerifiedStage: Stage;
  /**
   * The longest verified healed span: days from the last session before a verified healed photo
   * to that photo (a touch-up restarts the count); 0 when there is none.
   */
  daysHealed: number;
  /** True when at least one photo earns a healed or long-term badge. */
  hasVerifiedHealed: boolean;
  /** The newest photo taken before the first session, for comparisons. */
  before?: PhotoWithBadge<P>;
  /** The best "after" for comparisons: the latest verified healed photo, else the latest photo. */
  after?: PhotoWithBadge<P>;
  /** First and last session dates (of the treatment; touch-ups apart). */
  firstSession: Date;
  lastSession: Date;
  /** Touch-up sessions, oldest first (empty when there was none). */
  touchUps: Date[];
}

/** Computes a case's timeline, best verified stage and days healed. Pure. */
export function summarizeCase<P extends TrustPhoto>(
  kase: CaseForSummary<P>,
): CaseSummary<P> {
  const sessions = sortedSessions(kase.sessions);
  const touchUps = sortedSessions(kase.touchUps ?? []);
  const timeline = [...kase.photos]
    .sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime())
    .map((photo) => ({ ...photo, badge: stageBadge(photo, sessions, touchUps) }));
  const verified = timeline.filter((p) => p.badge.verified);
  const bestVerifiedStage = verified.reduce<Stage>(
    (best, p) => (stages.indexOf(p.badge.stage) > stages.indexOf(best) ? p.badge.stage : best),
    'before',
  );
  const healed = timeline.filter((p) => p.badge.earnsHealedBadge);
  const latestHealed = healed.at(-1);
  const befores = timeline.filter((p) => p.badge.stage === 'before');
  const afters = timeline.filter((p) => p.badge.stage !== 'before');
  return {
    timeline,
    bestVerifiedStage,
    daysHealed: Math.max(0, ...healed.map((p) => p.badge.daysSinceLastSession)),
    hasVerifiedHealed: healed.length > 0,
    before: befores.at(-1),
    after: latestHealed ?? afters.at(-1),
    firstSession: sessions[0]!,
    lastSession: sessions.at(-1)!,
    touchUps,
  };
}

/** What a listing ranks a case by: the two figures of `summarizeCase` it needs. */
export interface HealedRank { hasVerifiedHealed: boolean; daysHealed: number }

/**
 * `summarizeCase`'s `hasVerifiedHealed` and `daysHealed`, from the same badges, without building
 * the timeline. A listing ranks every case of a treatment (~43k at 100k cases): summaries for all
 * of them took 0.6 s and kept ~50 MB of timeline copies, and their garbage grew the heap by ~250 MB
 * while the search index was being built at start.
 */
export function healedRank<P extends TrustPhoto>(kase: CaseForSummary<P>): HealedRank {
  const sessions = sortedSessions(kase.sessions);
  const touchUps = sortedSessions(kase.touchUps ?? []);
  let hasVerifiedHealed = false;
  let daysHealed = 0;
  for (const photo of kase.photos) {
    const badge = stageBadge(photo, sessions, touchUps);
    if (!badge.earnsHealedBadge) continue;
    hasVerifiedHealed = true;
    daysHealed = Math.max(daysHealed, badge.daysSinceLastSession);
  }
  return { hasVerifiedHealed, daysHealed };
}
