import type { Database } from './types.ts';

/** A tombstone: a case withdrawn (consent revoked); its id answers 410 and is never reused. */
export interface Withdrawal {
  caseId: string;
  practitionerSlug: string;
  /** The submission it was published from, if it came through the submission flow. */
  submissionId: string | null;
  /** ISO 8601 UTC. */
  withdrawnAt: string;
  actorUserId: number | null;
  reason: string;
  /** Content addresses of its photos (to delete their variants, even after a crash). */
  photoSha256s: string[];
  /** ISO 8601 UTC once every clean-up step is done; null while one is outstanding. */
  completedAt: string | null;
}

interface WithdrawalRow {
  case_id: string;
  practitioner_slug: string;
  submission_id: string | null;
  withdrawn_at: string;
  actor_user_id: number | null;
  reason: string;
  photo_sha256s_json: string;
  completed_at: string | null;
}

const columns = 'case_id, practitioner_slug, submission_id, withdrawn_at, actor_user_id, reason, photo_sha256s_json, completed_at';

function toWithdrawal(row: WithdrawalRow): Withdrawal {
  return {
    caseId: row.case_id,
    practitionerSlug: row.practitioner_slug,
    submissionId: row.submission_id,
    withdrawnAt: row.withdrawn_at,
    actorUserId: row.actor_user_id,
    reason: row.reason,
    photoSha256s: JSON.parse(row.photo_sha256s_json),
    completedAt: row.completed_at,
  };
}

/** Writes the tombstone (first thing a withdrawal does); returns it. */
export function insertWithdrawal(db: Database, tombstone: Omit<Withdrawal, 'withdrawnAt' | 'completedAt'>, now = new Date()): Withdrawal {
  const row = db
    .prepare(`INSERT INTO withdrawals (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL) RETURNING ${columns}`)
    .get(tombstone.caseId, tombstone.practitionerSlug, tombstone.submissionId, now.toISOString(), tombstone.actorUserId, tombstone.reason,
      JSON.stringify(tombstone.photoSha256s)) as unknown as WithdrawalRow;
  return toWithdrawal(row);
}

/** The tombstone of a case id, if it was withdrawn. */
export function findWithdrawal(db: Database, caseId: string): Withdrawal | undefined {
  const row = db.prepare(`SELECT ${columns} FROM withdrawals WHERE case_id = ?`).get(caseId) as WithdrawalRow | undefined;
  return row && toWithdrawal(row);
}

/** Marks a withdrawal's clean-up as complete. */
export function completeWithdrawal(db: Database, caseId: string, now = new Date()): void {
  db.prepare('UPDATE withdrawals SET completed_at = ? WHERE case_id = ?').run(now.toISOString(), caseId);
}

/** Withdrawals whose clean-up a crash interrupted. */
export function listUnfinishedWithdrawals(db: Database): Withdrawal[] {
  const rows = db.prepare(`SELECT ${columns} FROM withdrawals WHERE completed_at IS NULL ORDER BY withdrawn_at`).all() as unknown as WithdrawalRow[];
  return rows.map(toWithdrawal);
}
