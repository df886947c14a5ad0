/** Words the /submit island shows for the vocabulary's values. */
export { viewLabels } from '../../../lib/content/vocabulary.ts';

/** Scar types, spelled out. */
export const scarTypeLabels: Record<string, string> = {
  fue: 'FUE (dot scars)',
  fut: 'FUT (strip scar)',
  injury: 'Injury or surgery',
};

/** Statuses of a case (src/lib/db/submissions.ts) as the practitioner reads them. */
export const statusLabels: Record<string, string> = {
  draft: 'Draft',
  pending: 'Pending review',
  approved: 'Approved',
  publishing: 'Publishing',
  live: 'Published',
  rejected: 'Rejected',
  'changes-requested': 'Changes requested',
  withdrawn: 'Withdrawn',
};

/** "1.2 MB", "640 KB". */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A `YYYY-MM-DD` (or ISO timestamp) as "3 Mar 2025", independent of the browser's locale and zone. */
export function dayLabel(value: string): string {
  const day = value.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
