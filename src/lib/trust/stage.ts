import type { Stage } from '../content/vocabulary.ts';
import { daysBetween } from './days.ts';

/**
 * Stage thresholds in days since the last session (ARCHITECTURE.md). Pigment takes about two
 * weeks to lose its fresh sharpness and about eight weeks (56 days) to settle into its final tone,
 * so only photos from day 56 on show what a client will live with; a year on shows how it ages.
 */
export const stageThresholds = { settling: 14, healed: 56, longTerm: 365 } as const;

/** Sessions sorted oldest first, without mutating the input. */
export function sortedSessions(sessions: readonly Date[]): Date[] {
  // Content lists them in order: checking is cheaper than sorting (a listing at 100k cases
  // asks for each photo's sessions, ~150k times).
  for (let i = 1; i < sessions.length; i++) {
    if (sessions[i]!.getTime() < sessions[i - 1]!.getTime()) return [...sessions].sort((a, b) => a.getTime() - b.getTime());
  }
  return sessions.slice();
}

/**
 * The touch-up a photo is measured from: the latest touch-up on or before the photo's day that
 * came after the treatment's own sessions. Undefined when the photo predates every touch-up.
 */
export function touchUpBefore(capturedAt: Date, sessions: readonly Date[], touchUps: readonly Date[] = []): Date | undefined {
  // Most cases have had no touch-up: nothing to sort (a listing at 100k cases asks this twice
  // for each of ~150k photos).
  if (touchUps.length === 0) return undefined;
  const last = sortedSessions(sessions).at(-1);
  if (!last) return undefined;
  return sortedSessions(touchUps).filter((t) => daysBetween(last, t) > 0 && daysBetween(t, capturedAt) >= 0).at(-1);
}

/**
 * The stage of a photo taken on `capturedAt` in a case with these sessions. A photo taken between
 * sessions is measured from the session before it and never counts as healed: more pigment was
 * still to come. A touch-up years later is different: the result before it had long healed, so a
 * photo is measured from the last session before it, the touch-up included (`touchUps`).
 */
export function stageOf(capturedAt: Date, sessions: readonly Date[], touchUps: readonly Date[] = []): Stage {
  const touchUp = touchUpBefore(capturedAt, sessions, touchUps);
  if (touchUp) return stageOf(capturedAt, [touchUp]);
  const ordered = sortedSessions(sessions);
  const first = ordered[0];
  if (!first || daysBetween(first, capturedAt) < 0) return 'before';
  const last = ordered[ordered.length - 1]!;
  if (daysBetween(last, capturedAt) < 0) {
    const previous = ordered.filter((s) => daysBetween(s, capturedAt) >= 0).at(-1)!;
    return daysBetween(previous, capturedAt) < stageThresholds.settling ? 'fresh' : 'settling';
  }
  const days = daysBetween(last, capturedAt);
  if (days < stageThresholds.settling) return 'fresh';
  if (days < stageThresholds.healed) return 'settling';
  if (days < stageThresholds.longTerm) return 'healed';
  return 'long-term';
}

/** Stages that claim a finished result; these need a verified date to earn a badge. */
export function isHealedStage(stage: Stage): boolean {
  return stage === 'healed' || stage === 'long-term';
}
