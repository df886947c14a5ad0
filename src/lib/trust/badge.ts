import type { Stage } from '../content/vocabulary.ts';
import { daysBetween } from './days.ts';
import { isHealedStage, sortedSessions, stageOf } from './stage.ts';

/** What a reader is told about one photo's stage. */
export interface StageBadge {
  /** The stage computed from the photo's date. */
  stage: Stage;
  /** True when the date came from the original file's EXIF. */
  verified: boolean;
  /** True when the photo earns a healed or long-term badge: a healed stage with a verified date. */
  earnsHealedBadge: boolean;
  /** Days since the case's last session (negative before it). */
  daysSinceLastSession: number;
  /** Words for the badge, e.g. "Healed · 120 days" or "Healed (declared, unverified)". */
  label: string;
}

const stageWords: Record<Stage, string> = {
  before: 'Before',
  fresh: 'Fresh',
  settling: 'Settling',
  healed: 'Healed',
  'long-term': 'Long-term',
};

/** Human name of a stage. */
export function stageLabel(stage: Stage): string {
  return stageWords[stage];
}

/**
 * The badge of one photo. Healed and long-term are only ever claimed from a verified (EXIF) date;
 * a declared date still shows its stage, but says plainly that nobody could check it.
 */
export function stageBadge(
  photo: { capturedAt: Date; dateSource: 'exif' | 'declared' },
  sessions: readonly Date[],
): StageBadge {
  const stage = stageOf(photo.capturedAt, sessions);
  const verified = photo.dateSource === 'exif';
  const last = sortedSessions(sessions).at(-1)!;
  const days = daysBetween(last, photo.capturedAt);
  const earnsHealedBadge = verified && isHealedStage(stage);
  let label = stageWords[stage];
  if (stage !== 'before' && days >= 0) label += ` · ${days} days`;
  if (!verified && stage !== 'before') label += ' (declared, unverified)';
  return { stage, verified, earnsHealedBadge, daysSinceLastSession: days, label };
}
