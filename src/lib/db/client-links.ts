import type { Database } from './types.ts';

/** What a client link is about: a submission not yet live, or a published case. */
export type LinkSubject = { submissionId: string; caseId?: undefined } | { caseId: string; submissionId?: undefined };

/** A row of `client_links`: a one-time link to one case's client (its token only as a hash). */
export interface ClientLinkRecord {
  id: string;
  practitionerSlug: string;
  submissionId: string | null;
  caseId: string | null;
  createdBy: number | null;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Epoch ms. */
  expiresMs: number;
  usedMs: number | null;
  revokedMs: number | null;
}

interface LinkRow {
  id: string;
  practitioner_slug: string;
  submission_id: string | null;
  case_id: string | null;
  created_by: number | null;
  created_at: string;
  expires_ms: number;
  used_ms: number | null;
  revoked_ms: number | null;
}

const columns = 'id, practitioner_slug, submission_id, case_id, created_by, created_at, expires_ms, used_ms, revoked_ms';
const toLink = (row: LinkRow): ClientLinkRecord => ({
  id: row.id, practitionerSlug: row.practitioner_slug, submissionId: row.submission_id, caseId: row.case_id, createdBy: row.created_by,
  createdAt: row.created_at, expiresMs: row.expires_ms, usedMs: row.used_ms, revokedMs: row.revoked_ms,
});

/**
 * Stores a new link and revokes every unspent earlier link of the same case or submission: a
 * case has one client, so only the newest link sent to them works.
 */
export function insertClientLink(db: Database, link: { id: string; tokenHash: string; practitionerSlug: string; subject: LinkSubject; createdBy: number | null; expiresMs: number }, now: Date): ClientLinkRecord {
  const { subject } = link;
  db.prepare('UPDATE client_links SET revoked_ms = ? WHERE used_ms IS NULL AND revoked_ms IS NULL AND (case_id = ? OR submission_id = ?)')
    .run(now.getTime(), subject.caseId ?? null, subject.submissionId ?? null);
  const row = db
    .prepare(`INSERT INTO client_links (id, token_hash, practitioner_slug, submission_id, case_id, created_by, created_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(link.id, link.tokenHash, link.practitionerSlug, subject.submissionId ?? null, subject.caseId ?? null, link.createdBy, now.toISOString(), link.expiresMs) as unknown as LinkRow;
  return toLink(row);
}

/** The link whose token has this hash, whatever its state (the caller decides whether it still works). */
export function findClientLinkByHash(db: Database, tokenHash: string): ClientLinkRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM client_links WHERE token_hash = ?`).get(tokenHash) as LinkRow | undefined;
  return row && toLink(row);
}

/** Spends a link, only if it is still unspent and unrevoked (a compare-and-set: one answer per link). */
export function spendClientLink(db: Database, id: string, now: Date): boolean {
  return Number(db.prepare('UPDATE client_links SET used_ms = ? WHERE id = ? AND used_ms IS NULL AND revoked_ms IS NULL').run(now.getTime(), id).changes) === 1;
}

/** Gives a spent link back (its answer could not be recorded after all). */
export function unspendClientLink(db: Database, id: string): void {
  db.prepare('UPDATE client_links SET used_ms = NULL WHERE id = ?').run(id);
}

/** Revokes every unspent link of a case or submission (the case was withdrawn). */
export function revokeClientLinks(db: Database, subject: { caseId?: string | null; submissionId?: string | null }, now: Date): void {
  db.prepare('UPDATE client_links SET revoked_ms = ? WHERE used_ms IS NULL AND revoked_ms IS NULL AND (case_id = ? OR submission_id = ?)')
    .run(now.getTime(), subject.caseId ?? null, subject.submissionId ?? null);
}

/** Records a lookup that found no usable link, for the per-address limit. */
export function recordLinkFailure(db: Database, addressDigest: string, now: Date): void {
  db.prepare('INSERT INTO client_link_failures (address_digest, at_ms) VALUES (?, ?)').run(addressDigest, now.getTime());
}

/** Times (epoch ms) of an address's failed lookups since `since`; older rows are deleted on the way. */
export function listLinkFailureTimes(db: Database, addressDigest: string, since: number): number[] {
  db.prepare('DELETE FROM client_link_failures WHERE at_ms <= ?').run(since);
  return (db.prepare('SELECT at_ms AS at FROM client_link_failures WHERE address_digest = ? ORDER BY at_ms').all(addressDigest) as Array<{ at: number }>).map((r) => r.at);
}
