const msPerDay = 86_400_000;

/** The UTC calendar day a date falls on, counted from 1970-01-01 (a whole number). */
const utcDay = (d: Date) => Math.floor(d.getTime() / msPerDay);

/**
 * Whole calendar days from `from` to `to` (UTC dates, as written in YAML), negative if earlier.
 * Plain arithmetic on the time value: a start at 100k cases calls this ~3 million times, and
 * splitting dates into year, month and day took half a second of it.
 */
export function daysBetween(from: Date, to: Date): number {
  return utcDay(to) - utcDay(from);
}

/** `YYYY-MM-DD` of a date, the way content files write it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
