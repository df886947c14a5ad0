import type { Database } from './types.ts';

/** One automatic finding on a submission, as the moderator sees it. */
export interface SubmissionFlagRecord {
  /** Stable kebab-case code, e.g. `healed-too-early`. */
  code: string;
  /** What was found, in words a moderator understands. */
  message: string;
  /** The photo it concerns; absent for findings about the whole case. */
  photoId?: string;
  /** Another submission the finding points to (a near-duplicate's), for the moderator. */
  relatedSubmissionId?: string;
}

/** Replaces every flag of a submission (flags are recomputed as a whole at each submit). */
export function replaceSubmissionFlags(db: Database, submissionId: string, flags: readonly SubmissionFlagRecord[], now = new Date()): void {
  db.prepare('DELETE FROM submission_flags WHERE submission_id = ?').run(submissionId);
  const insert = db.prepare('INSERT INTO submission_flags (submission_id, code, message, photo_id, related_submission_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const flag of flags) insert.run(submissionId, flag.code, flag.message, flag.photoId ?? null, flag.relatedSubmissionId ?? null, now.toISOString());
}

/** The flags of a submission, in the order they were computed. */
export function listSubmissionFlags(db: Database, submissionId: string): SubmissionFlagRecord[] {
  const rows = db.prepare('SELECT code, message, photo_id, related_submission_id FROM submission_flags WHERE submission_id = ? ORDER BY id')
    .all(submissionId) as Array<{ code: string; message: string; photo_id: string | null; related_submission_id: string | null }>;
  return rows.map((row) => ({
    code: row.code,
    message: row.message,
    ...(row.photo_id !== null ? { photoId: row.photo_id } : {}),
    ...(row.related_submission_id !== null ? { relatedSubmissionId: row.related_submission_id } : {}),
  }));
}
