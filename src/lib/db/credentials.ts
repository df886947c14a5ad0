import type { Database } from './types.ts';

/** Where a submitted credential is: waiting for an admin, verified, or rejected. */
export type CredentialStatus = 'pending' | 'verified' | 'rejected';

/** A row of `credentials`. */
export interface CredentialRecord {
  id: string;
  ownerUserId: number;
  practitionerSlug: string;
  title: string;
  issuer: string;
  year: number;
  /** Storage key of the private certificate file. */
  originalKey: string;
  /** Content address of its sanitized master and preview. */
  masterSha256: string;
  status: CredentialStatus;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}

interface CredentialRow {
  id: string; owner_user_id: number; practitioner_slug: string; title: string; issuer: string; year: number; original_key: string;
  master_sha256: string; status: CredentialStatus; decided_by: number | null; decided_at: string | null; decision_reason: string | null; created_at: string;
}

const columns = 'id, owner_user_id, practitioner_slug, title, issuer, year, original_key, master_sha256, status, decided_by, decided_at, decision_reason, created_at';

const toCredential = (row: CredentialRow): CredentialRecord => ({
  id: row.id, ownerUserId: row.owner_user_id, practitionerSlug: row.practitioner_slug, title: row.title, issuer: row.issuer, year: row.year,
  originalKey: row.original_key, masterSha256: row.master_sha256, status: row.status, decidedBy: row.decided_by, decidedAt: row.decided_at,
  decisionReason: row.decision_reason, createdAt: row.created_at,
});

/** Inserts a pending credential. */
export function insertCredential(db: Database, credential: Pick<CredentialRecord, 'id' | 'ownerUserId' | 'practitionerSlug' | 'title' | 'issuer' | 'year' | 'originalKey' | 'masterSha256'>, now = new Date()): CredentialRecord {
  const row = db
    .prepare(`INSERT INTO credentials (id, owner_user_id, practitioner_slug, title, issuer, year, original_key, master_sha256, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(credential.id, credential.ownerUserId, credential.practitionerSlug, credential.title, credential.issuer, credential.year,
      credential.originalKey, credential.masterSha256, now.toISOString()) as unknown as CredentialRow;
  return toCredential(row);
}

/** One credential by id. */
export function findCredential(db: Database, id: string): CredentialRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM credentials WHERE id = ?`).get(id) as CredentialRow | undefined;
  return row && toCredential(row);
}

/** One owner's credentials, newest first. */
export function listCredentialsOfOwner(db: Database, ownerUserId: number): CredentialRecord[] {
  return (db.prepare(`SELECT ${columns} FROM credentials WHERE owner_user_id = ? ORDER BY created_at DESC, id`).all(ownerUserId) as unknown as CredentialRow[]).map(toCredential);
}

/** Credentials with a status, oldest first (the admins' queue). */
export function listCredentialsByStatus(db: Database, status: CredentialStatus, limit = 500): CredentialRecord[] {
  return (db.prepare(`SELECT ${columns} FROM credentials WHERE status = ? ORDER BY created_at, id LIMIT ?`).all(status, limit) as unknown as CredentialRow[]).map(toCredential);
}

/** Decides a pending credential (compare-and-set on `pending`); returns whether it changed. */
export function decideCredential(db: Database, id: string, decision: { to: 'verified' | 'rejected'; decidedBy: number; reason: string | null }, now = new Date()): boolean {
  const result = db.prepare(`UPDATE credentials SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'pending'`)
    .run(decision.to, decision.decidedBy, now.toISOString(), decision.reason, id);
  return Number(result.changes) > 0;
}
