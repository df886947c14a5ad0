/** The trust model: what each photo, case and practitioner can honestly claim. Pure functions. */
export { daysBetween, isoDay } from './days.ts';
export { stageOf, isHealedStage, sortedSessions, stageThresholds, touchUpBefore } from './stage.ts';
export { stageBadge, stageLabel, type StageBadge } from './badge.ts';
export { healedRank, summarizeCase, type CaseSummary, type HealedRank, type PhotoWithBadge, type TrustPhoto } from './case-summary.ts';
export { practitionerStats, type PractitionerStats } from './practitioner-stats.ts';
