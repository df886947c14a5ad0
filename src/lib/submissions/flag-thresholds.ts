import { stageThresholds } from '../trust/index.ts';

/** Thresholds of the automatic checks, with why. */
export const flagThresholds = {
  /** Healed means at least 56 days after the last session (see stageThresholds). */
  healedDays: stageThresholds.healed,
  /** A declared day and the file's day may differ by time zones and memory; more is suspect. */
  dateMismatchDays: 2,
  /** Below this short side (px), pigment dots cannot be judged at gallery sizes. */
  minShortSide: 1200,
} as const;
