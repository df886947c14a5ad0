import type { SubmissionFlagRecord } from './flags.ts';
import type { SubmissionStatus } from './submissions.ts';
import type { Database } from './types.ts';

/** A submission in the moderation queue: what the admin scans before opening it. */
export interface QueueItem {
  id: string;
  practitionerSlug: string;
  ownerEmail: string;
  status: SubmissionStatus;
  treatment: string;
  /** `follow-up` of the live case `caseId`, or a new `case`. */
  kind: 'case' | 'follow-up';
  caseId: string | null;
  /** ISO 8601 UTC; the queue is ordered by it, oldest first. */
  submittedAt: string | null;
  photoCount: number;
  flags: Pick<SubmissionFlagRecord, 'code' | 'message'>[];
}

/** The latest decision on a submission (every decision is also in the audit log). */
export interface DecisionRecord {
  decidedBy: number | null;
  decidedAt: string | null;
  /** Reject reason or request-changes message. */
  reason: string | null;
  /** Why flags were overridden on approval. */
  overrideReason: string | null;
}

/** One of a practitioner's submissions, for the history on the review page. */
export interface HistoryItem {
  id: string;
  status: SubmissionStatus;
  treatment: string;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

/**
 * Submissions with a status (default pending), oldest submitted first, each with its flags;
 * `flag` keeps only those carrying that flag code.
 */
export function listModerationQueue(db: Database, options: { status?: SubmissionStatus; flag?: string; limit?: number } = {}): QueueItem[] {
  const rows = db
    .prepare(`SELECT s.id, s.practitioner_slug, u.email, s.status, s.treatment, s.kind, s.case_id, s.submitted_at,
        (SELECT count(*) FROM submission_photos p WHERE p.submission_id = s.id) AS photo_count,
        (SELECT json_group_array(json_object('code', f.code, 'message', f.message)) FROM
          (SELECT code, message FROM submission_flags WHERE submission_id = s.id ORDER BY id) f) AS flags_json
      FROM submissions s JOIN users u ON u.id = s.owner_user_id
      WHERE s.status = ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM submission_flags f WHERE f.submission_id = s.id AND f.code = ?2))
      ORDER BY s.submitted_at, s.created_at, s.id LIMIT ?3`)
    .all(options.status ?? 'pending', options.flag ?? null, Math.min(options.limit ?? 200, 1000)) as unknown as Array<{
      id: string; practitioner_slug: string; email: string; status: SubmissionStatus; treatment: string; kind: 'case' | 'follow-up'; case_id: string | null; submitted_at: string | null; photo_count: number; flags_json: string;
    }>;
  return rows.map((row) => ({
    id: row.id,
    practitionerSlug: row.practitioner_slug,
    ownerEmail: row.email,
    status: row.status,
    treatment: row.treatment,
    kind: row.kind,
    caseId: row.case_id,
    submittedAt: row.submitted_at,
    photoCount: row.photo_count,
    flags: JSON.parse(row.flags_json),
  }));
}

/** A practitioner's other submissions (drafts left out: work in progress), newest first. */
export function listPractitionerHistory(db: Database, ownerUserId: number, excludeSubmissionId: string, limit = 50): HistoryItem[] {
  const rows = db
    .prepare(`SELECT id, status, treatment, created_at, submitted_at, decided_at, decision_reason FROM submissions
      WHERE owner_user_id = ? AND id <> ? AND submitted_at IS NOT NULL ORDER BY created_at DESC LIMIT ?`)
    .all(ownerUserId, excludeSubmissionId, limit) as unknown as Array<{
      id: string; status: SubmissionStatus; treatment: string; created_at: string; submitted_at: string | null; decided_at: string | null; decision_reason: string | null;
    }>;
  return rows.map((row) => ({
    id: row.id, status: row.status, treatment: row.treatment, createdAt: row.created_at, submittedAt: row.submitted_at,
    decidedAt: row.decided_at, decisionReason: row.decision_reason,
  }));
}

/** The latest decision recorded on a submission (all null before any). */
export function findDecision(db: Database, submissionId: string): DecisionRecord | undefined {
  const row = db.prepare('SELECT decided_by, decided_at, decision_reason, override_reason FROM submissions WHERE id = ?').get(submissionId) as
    { decided_by: number | null; decided_at: string | null; decision_reason: string | null; override_reason: string | null } | undefined;
  return row && { decidedBy: row.decided_by, decidedAt: row.decided_at, reason: row.decision_reason, overrideReason: row.override_reason };
}

/**
 * Records a decision and moves the status, only if the submission is still in `from` (a
 * compare-and-set: two admins deciding at once cannot both succeed). Returns whether it moved.
 */
export function recordDecision(
  db: Database,
  submissionId: string,
  decision: { from: SubmissionStatus; to: SubmissionStatus; decidedBy: number; reason: string | null; overrideReason: string | null },
  now = new Date(),
): boolean {
  const at = now.toISOString();
  const result = db
    .prepare(`UPDATE submissions SET status = ?, updated_at = ?, decided_by = ?, decided_at = ?, decision_reason = ?, override_reason = ?
      WHERE id = ? AND status = ?`)
    .run(decision.to, at, decision.decidedBy, at, decision.reason, decision.overrideReason, submissionId, decision.from);
  return Number(result.changes) > 0;
}

/** Emails of these users by id (for showing who acted in the audit log). */
export function userEmailsById(db: Database, ids: readonly number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db.prepare(`SELECT id, email FROM users WHERE id IN (${unique.map(() => '?').join(', ')})`).all(...unique) as Array<{ id: number; email: string }>;
  return new Map(rows.map((row) => [row.id, row.email]));
}

