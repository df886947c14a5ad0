const msPerDay = 86_400_000;

/** Whole calendar days from `from` to `to` (UTC dates, as written in YAML), negative if earlier. */
export function daysBetween(from: Date, to: Date): number {
  const utc = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((utc(to) - utc(from)) / msPerDay);
}

/** `YYYY-MM-DD` of a date, the way content files write it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
