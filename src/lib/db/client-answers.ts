import type { Database } from './types.ts';

/** What a client said through their link. */
export type ClientDecision = 'confirm' | 'decline' | 'withdraw';
/** What a moderator did about a decline. */
export type ReviewAction = 'restore' | 'withdraw';

/** A row of `client_answers`. */
export interface ClientAnswerRecord {
  id: string;
  linkId: string;
  practitionerSlug: string;
  /** The submission the answer is about (not yet live when answered), if any. */
  submissionId: string | null;
  /** The published case it is about (live when answered), if any. */
  caseId: string | null;
  decision: ClientDecision;
  message: string;
  photoId: string | null;
  /** ISO 8601 UTC. */
  answeredAt: string;
  /** When its effect on the published case was done; null while due or when there is none. */
  appliedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: number | null;
  reviewAction: ReviewAction | null;
  reviewNote: string | null;
  reviewAppliedAt: string | null;
}

interface AnswerRow {
  id: string;
  link_id: string;
  practitioner_slug: string;
  submission_id: string | null;
  case_id: string | null;
  decision: ClientDecision;
  message: string;
  photo_id: string | null;
  answered_at: string;
  applied_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  review_action: ReviewAction | null;
  review_note: string | null;
  review_applied_at: string | null;
}

const columns = 'id, link_id, practitioner_slug, submission_id, case_id, decision, message, photo_id, answered_at, applied_at, reviewed_at, reviewed_by, review_action, review_note, review_applied_at';
const toAnswer = (row: AnswerRow): ClientAnswerRecord => ({
  id: row.id, linkId: row.link_id, practitionerSlug: row.practitioner_slug, submissionId: row.submission_id, caseId: row.case_id,
  decision: row.decision, message: row.message, photoId: row.photo_id, answeredAt: row.answered_at, appliedAt: row.applied_at,
  reviewedAt: row.reviewed_at, reviewedBy: row.reviewed_by, reviewAction: row.review_action, reviewNote: row.review_note, reviewAppliedAt: row.review_applied_at,
});

/** Records an answer; `applied` when it needs nothing done to a published case. */
export function insertClientAnswer(db: Database, answer: Pick<ClientAnswerRecord, 'id' | 'linkId' | 'practitionerSlug' | 'submissionId' | 'caseId' | 'decision' | 'message' | 'photoId'>, now: Date, applied: boolean): ClientAnswerRecord {
  const at = now.toISOString();
  const row = db
    .prepare(`INSERT INTO client_answers (id, link_id, practitioner_slug, submission_id, case_id, decision, message, photo_id, answered_at, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(answer.id, answer.linkId, answer.practitionerSlug, answer.submissionId, answer.caseId, answer.decision, answer.message, answer.photoId, at, applied ? at : null) as unknown as AnswerRow;
  return toAnswer(row);
}

/** One answer by id. */
export function findClientAnswer(db: Database, id: string): ClientAnswerRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM client_answers WHERE id = ?`).get(id) as AnswerRow | undefined;
  return row && toAnswer(row);
}

/** The latest answer about a submission or a case (by either id), if any. */
export function latestClientAnswer(db: Database, subject: { submissionId?: string | null; caseId?: string | null }): ClientAnswerRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM client_answers WHERE submission_id = ? OR case_id = ? ORDER BY answered_at DESC, rowid DESC LIMIT 1`)
    .get(subject.submissionId ?? null, subject.caseId ?? null) as AnswerRow | undefined;
  return row && toAnswer(row);
}

/**
 * The day (`YYYY-MM-DD`) a submission's client confirmed it, if their latest answer before `before`
 * (an ISO instant) is a confirmation. Fixed for a publish, whatever comes later.
 */
export function confirmedBefore(db: Database, submissionId: string, before: string): string | undefined {
  const row = db.prepare(`SELECT decision, answered_at FROM client_answers WHERE submission_id = ? AND answered_at < ? ORDER BY answered_at DESC, rowid DESC LIMIT 1`)
    .get(submissionId, before) as { decision: ClientDecision; answered_at: string } | undefined;
  return row?.decision === 'confirm' ? row.answered_at.slice(0, 10) : undefined;
}

/** Answers whose effect on a published case (or a moderator's review) is still due, oldest first. */
export function listUnappliedAnswers(db: Database): ClientAnswerRecord[] {
  const rows = db.prepare(`SELECT ${columns} FROM client_answers WHERE applied_at IS NULL OR (review_action IS NOT NULL AND review_applied_at IS NULL) ORDER BY answered_at, id`).all() as unknown as AnswerRow[];
  return rows.map(toAnswer);
}

/** Declines no moderator has reviewed yet, oldest first (the admins' list). */
export function listUnreviewedDeclines(db: Database): ClientAnswerRecord[] {
  const rows = db.prepare(`SELECT ${columns} FROM client_answers WHERE decision = 'decline' AND reviewed_at IS NULL ORDER BY answered_at, id`).all() as unknown as AnswerRow[];
  return rows.map(toAnswer);
}

/** Marks an answer's effect done. */
export function markAnswerApplied(db: Database, id: string, now: Date): void {
  db.prepare('UPDATE client_answers SET applied_at = ? WHERE id = ? AND applied_at IS NULL').run(now.toISOString(), id);
}

/** Records a moderator's review of a decline, once (a compare-and-set); returns whether it was recorded. */
export function recordAnswerReview(db: Database, id: string, review: { by: number; action: ReviewAction; note: string }, now: Date): boolean {
  return Number(db.prepare('UPDATE client_answers SET reviewed_at = ?, reviewed_by = ?, review_action = ?, review_note = ? WHERE id = ? AND reviewed_at IS NULL')
    .run(now.toISOString(), review.by, review.action, review.note, id).changes) === 1;
}

/** Marks a review's effect (case shown again, or withdrawn) done. */
export function markReviewApplied(db: Database, id: string, now: Date): void {
  db.prepare('UPDATE client_answers SET review_applied_at = ? WHERE id = ?').run(now.toISOString(), id);
}
