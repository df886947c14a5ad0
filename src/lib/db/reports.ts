import type { Database } from './types.ts';

/** A public report about a published case, as admins read it. */
export interface ReportRecord {
  id: number;
  /** The published case it concerns. */
  caseId: string;
  reason: string;
  /** How to reach the reporter, if they said. */
  contact: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
  status: 'open' | 'closed';
}

interface ReportRow {
  id: number;
  case_id: string;
  reason: string;
  contact: string | null;
  created_at: string;
  status: 'open' | 'closed';
}

const toReport = (row: ReportRow): ReportRecord => ({
  id: row.id, caseId: row.case_id, reason: row.reason, contact: row.contact, createdAt: row.created_at, status: row.status,
});

/** Stores a new open report; returns it. */
export function insertReport(db: Database, report: { caseId: string; reason: string; contact?: string | null }, now = new Date()): ReportRecord {
  const row = db
    .prepare(`INSERT INTO reports (case_id, reason, contact, created_at) VALUES (?, ?, ?, ?)
      RETURNING id, case_id, reason, contact, created_at, status`)
    .get(report.caseId, report.reason, report.contact ?? null, now.toISOString()) as unknown as ReportRow;
  return toReport(row);
}

/** Reports with this status, oldest first (the queue order). */
export function listReports(db: Database, status: 'open' | 'closed' = 'open', limit = 500): ReportRecord[] {
  const rows = db.prepare('SELECT id, case_id, reason, contact, created_at, status FROM reports WHERE status = ? ORDER BY id LIMIT ?')
    .all(status, limit) as unknown as ReportRow[];
  return rows.map(toReport);
}

/** Closes an open report; returns whether it was open. */
export function closeReport(db: Database, id: number): boolean {
  return Number(db.prepare("UPDATE reports SET status = 'closed' WHERE id = ? AND status = 'open'").run(id).changes) > 0;
}
