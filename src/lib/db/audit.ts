import type { AuditEvent, Database } from './types.ts';

/** One thing to record; `before`/`after` are any JSON-serializable state (or details). */
export interface NewAuditEvent {
  actorUserId: number | null;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  actor_user_id: number | null;
  action: string;
  subject: string;
  before_json: string | null;
  after_json: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends an event to the audit log (the table refuses updates and deletes); returns its id. */
export function recordAuditEvent(db: Database, event: NewAuditEvent, now = new Date()): number {
  const result = db
    .prepare('INSERT INTO audit_events (at, actor_user_id, action, subject, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)')
    .run(now.toISOString(), event.actorUserId, event.action, event.subject, json(event.before), json(event.after));
  return Number(result.lastInsertRowid);
}

/** Newest events first, optionally for one subject, paged by `beforeId`. */
export function listAuditEvents(db: Database, options: { subject?: string; beforeId?: number; limit?: number } = {}): AuditEvent[] {
  const rows = db
    .prepare(`SELECT id, at, actor_user_id, action, subject, before_json, after_json FROM audit_events
      WHERE (?1 IS NULL OR subject = ?1) AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3`)
    .all(options.subject ?? null, options.beforeId ?? null, Math.min(options.limit ?? 100, 1000)) as unknown as AuditRow[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorUserId: row.actor_user_id,
    action: row.action,
    subject: row.subject,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  }));
}
