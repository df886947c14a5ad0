import type { Stage } from '../content/vocabulary.ts';
import { demoAnchorDay, parseDay, type Day } from './days.ts';
import type { Random } from './random.ts';

/** The dates of one case, all on or before the anchor day except the consent's expiry. */
export interface CaseTimeline {
  sessions: Day[];
  /** Photo stages and days, oldest first; the first one is always the `before` photo. */
  photos: { stage: Stage; day: Day }[];
  consentRecorded: Day;
  consentExpires: Day | undefined;
  published: Day;
}

/** Days after the last session when each stage starts (ARCHITECTURE.md): healed from day 56. */
export const stageStartDays = { fresh: 0, settling: 14, healed: 56, 'long-term': 365 } as const;

// Consent expiries, when a client sets one, fall in 2028–2031: after the anchor, so never lapsed.
const earliestExpiry = parseDay('2028-01-01');

/**
 * Plans a realistic case backwards from the anchor: follow-up offsets first, then the last
 * session early enough for them, then 1–4 sessions 7–30 days apart, a before photo and consent.
 */
export function planTimeline(random: Random): CaseTimeline {
  const after: { stage: Stage; offset: number }[] = [];
  if (random.chance(0.3)) after.push({ stage: 'fresh', offset: random.int(0, 10) });
  else if (random.chance(0.35)) after.push({ stage: 'settling', offset: random.int(18, 45) });
  const followUp = random.weighted([['healed', 0.55], ['both', 0.25], ['long-term', 0.2]] as const);
  // Healed check-ups cluster around the usual 2, 3, 4, 6 and 9 month appointments.
  if (followUp !== 'long-term') after.push({ stage: 'healed', offset: random.pick([60, 90, 120, 180, 270]) + random.int(-4, 20) });
  if (followUp !== 'healed') after.push({ stage: 'long-term', offset: random.int(365, 820) });

  const newestOffset = Math.max(...after.map((p) => p.offset));
  const publishLag = random.int(2, 30);
  const last = demoAnchorDay - publishLag - newestOffset - random.int(0, 420);
  const sessions = [last];
  const count = random.weighted([[1, 1], [2, 4], [3, 4], [4, 2]] as const);
  while (sessions.length < count) sessions.unshift(sessions[0] - random.int(7, 30));

  const before = sessions[0] - random.int(1, 28);
  return {
    sessions,
    photos: [{ stage: 'before', day: before }, ...after.map((p) => ({ stage: p.stage, day: last + p.offset }))],
    consentRecorded: random.int(before, sessions[0] - 1),
    consentExpires: random.chance(0.3) ? earliestExpiry + random.int(0, 4 * 365) : undefined,
    published: last + newestOffset + publishLag,
  };
}
