import type { Database } from './types.ts';

/** An inquiry as its practitioner reads it. */
export interface InquiryRecord {
  id: string;
  practitionerSlug: string;
  caseId: string | null;
  name: string;
  contact: string;
  message: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** ISO 8601 UTC, once the practitioner marked it handled. */
  handledAt: string | null;
}

/** A new inquiry, with what the spam limit needs. */
export interface NewInquiry extends Omit<InquiryRecord, 'createdAt' | 'handledAt'> {
  addressDigest: string;
}

interface InquiryRow {
  id: string;
  practitioner_slug: string;
  case_id: string | null;
  name: string;
  contact: string;
  message: string;
  created_at: string;
  handled_at: string | null;
}

const columns = 'id, practitioner_slug, case_id, name, contact, message, created_at, handled_at';
const toInquiry = (row: InquiryRow): InquiryRecord => ({
  id: row.id, practitionerSlug: row.practitioner_slug, caseId: row.case_id, name: row.name, contact: row.contact, message: row.message, createdAt: row.created_at, handledAt: row.handled_at,
});

/** Stores an inquiry. */
export function insertInquiry(db: Database, inquiry: NewInquiry, now: Date): InquiryRecord {
  const row = db
    .prepare(`INSERT INTO inquiries (id, practitioner_slug, case_id, name, contact, message, created_at, created_ms, address_digest)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(inquiry.id, inquiry.practitionerSlug, inquiry.caseId, inquiry.name, inquiry.contact, inquiry.message, now.toISOString(), now.getTime(), inquiry.addressDigest) as unknown as InquiryRow;
  return toInquiry(row);
}

/** Times (epoch ms, ascending) of the inquiries one address sent since `since`. */
export function listInquiryTimesOfAddress(db: Database, addressDigest: string, since: number): number[] {
  return (db.prepare('SELECT created_ms AS at FROM inquiries WHERE address_digest = ? AND created_ms > ? ORDER BY created_ms').all(addressDigest, since) as Array<{ at: number }>).map((r) => r.at);
}

/** One practitioner's inquiries, newest first. */
export function listInquiriesOf(db: Database, practitionerSlug: string, limit = 500): InquiryRecord[] {
  return (db.prepare(`SELECT ${columns} FROM inquiries WHERE practitioner_slug = ? ORDER BY created_ms DESC, rowid DESC LIMIT ?`).all(practitionerSlug, limit) as unknown as InquiryRow[]).map(toInquiry);
}

/** Marks an inquiry of this practitioner handled; false when it is not theirs or already handled. */
export function markInquiryHandled(db: Database, practitionerSlug: string, id: string, now: Date): boolean {
  return Number(db.prepare('UPDATE inquiries SET handled_at = ?, handled_ms = ? WHERE id = ? AND practitioner_slug = ? AND handled_at IS NULL').run(now.toISOString(), now.getTime(), id, practitionerSlug).changes) === 1;
}

/** Open and handled counts per practitioner (what admins may see: numbers, never contents). */
export function countInquiries(db: Database): Array<{ practitionerSlug: string; open: number; handled: number }> {
  return db
    .prepare(`SELECT practitioner_slug AS practitionerSlug, sum(handled_at IS NULL) AS open, sum(handled_at IS NOT NULL) AS handled
      FROM inquiries GROUP BY practitioner_slug ORDER BY practitioner_slug`)
    .all() as Array<{ practitionerSlug: string; open: number; handled: number }>;
}

/** Deletes inquiries handled before `handledBefore` (epoch ms); returns how many. */
export function deleteHandledInquiries(db: Database, handledBefore: number): number {
  return Number(db.prepare('DELETE FROM inquiries WHERE handled_ms IS NOT NULL AND handled_ms < ?').run(handledBefore).changes);
}
