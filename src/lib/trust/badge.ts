import type { Stage } from '../content/vocabulary.ts';
import { isVerifiedLevel, type EvidenceLevel } from '../evidence/index.ts';
import { daysBetween } from './days.ts';
import { isHealedStage, sortedSessions, stageOf, touchUpBefore } from './stage.ts';

/** What a reader is told about one photo's stage. */
export interface StageBadge {
  /** The stage computed from the photo's date. */
  stage: Stage;
  /** True when the date is verified: the photo is signed at capture or a camera original. */
  verified: boolean;
  /** The photo's evidence level. */
  evidence: EvidenceLevel;
  /** True when the photo earns a healed or long-term badge: a healed stage with a verified date. */
  earnsHealedBadge: boolean;
  /** Days since the last session before the photo (a touch-up included; negative before the last session). */
  daysSinceLastSession: number;
  /** True when the days are counted from a touch-up session rather than from the treatment. */
  sinceTouchUp: boolean;
  /** Words for the badge, e.g. "Healed · 120 days", "Healed · 90 days after a touch-up", "Healed · 90 days (declared, unverified)". */
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

/** What the badge says after an unverified date, by level. */
const unverifiedWords: Partial<Record<EvidenceLevel, string>> = { edited: 'edited, unverified', declared: 'declared, unverified' };

/**
 * The badge of one photo. Healed and long-term are only ever claimed from a verified date (signed
 * at capture, or a camera original); an edited or declared photo still shows its stage, but says
 * plainly that its date was not verified. After a touch-up, days count from the touch-up, and the
 * label says so: "90 days" alone would read as the age of the whole result.
 */
export function stageBadge(
  photo: { capturedAt: Date; evidence: { level: EvidenceLevel } },
  sessions: readonly Date[],
  touchUps: readonly Date[] = [],
): StageBadge {
  const stage = stageOf(photo.capturedAt, sessions, touchUps);
  const verified = isVerifiedLevel(photo.evidence.level);
  const touchUp = touchUpBefore(photo.capturedAt, sessions, touchUps);
  const days = daysBetween(touchUp ?? sortedSessions(sessions).at(-1)!, photo.capturedAt);
  const earnsHealedBadge = verified && isHealedStage(stage);
  let label = stageWords[stage];
  if (stage !== 'before' && days >= 0) label += ` · ${days} days${touchUp ? ' after a touch-up' : ''}`;
  if (!verified && stage !== 'before') label += ` (${unverifiedWords[photo.evidence.level]})`;
  return { stage, verified, evidence: photo.evidence.level, earnsHealedBadge, daysSinceLastSession: days, sinceTouchUp: touchUp !== undefined, label };
}
