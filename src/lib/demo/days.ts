/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), so date arithmetic is exact and
 * never depends on the machine's time zone or on "today".
 */
export type Day = number;

const msPerDay = 86_400_000;

/** Parses `YYYY-MM-DD` (UTC). */
export function parseDay(text: string): Day {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return Math.round(Date.parse(`${text}T00:00:00Z`) / msPerDay);
}

/** Formats a day as `YYYY-MM-DD`, the way content files write dates. */
export function formatDay(day: Day): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/**
 * Demo content is dated relative to this fixed day, never to the clock: output stays
 * byte-identical across runs and no photo is ever dated in the future.
 */
export const demoAnchorDay: Day = parseDay('2026-09-30');
