import type { Database, SessionRecord, UserRecord } from './types.ts';

/** Stores a new session. */
export function insertSession(db: Database, session: SessionRecord): void {
  db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    session.idHash,
    session.userId,
    session.createdAt,
    session.lastSeenAt,
    session.expiresAt,
  );
}

interface SessionUserRow {
  id_hash: string;
  user_id: number;
  session_created_at: number;
  last_seen_at: number;
  expires_at: number;
  email: string;
  password_hash: string;
  role: UserRecord['role'];
  practitioner_slug: string | null;
  user_created_at: string;
  is_demo: number;
  disabled_at: string | null;
}

/** The session with this id hash and its user, in one query (it runs on every signed-in request). */
export function findSessionWithUser(db: Database, idHash: string): { session: SessionRecord; user: UserRecord } | undefined {
  const row = db
    .prepare(`SELECT s.id_hash, s.user_id, s.created_at AS session_created_at, s.last_seen_at, s.expires_at,
        u.email, u.password_hash, u.role, u.practitioner_slug, u.created_at AS user_created_at, u.is_demo, u.disabled_at
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`)
    .get(idHash) as SessionUserRow | undefined;
  if (!row) return undefined;
  return {
    session: { idHash: row.id_hash, userId: row.user_id, createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at },
    user: {
      id: row.user_id,
      email: row.email,
      passwordHash: row.password_hash,
      role: row.role,
      practitionerSlug: row.practitioner_slug,
      createdAt: row.user_created_at,
      isDemo: row.is_demo === 1,
      disabledAt: row.disabled_at,
    },
  };
}

/** Records activity on a session (for the idle timeout). */
export function touchSession(db: Database, idHash: string, lastSeenAt: number): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(lastSeenAt, idHash);
}

/** Ends one session; a no-op when it is already gone. */
export function deleteSession(db: Database, idHash: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}

/** Ends every session of one user (e.g. after a password change or account removal). */
export function deleteSessionsOfUser(db: Database, userId: number): number {
  return Number(db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes);
}

/** Ends every session of one user except one (after a password change, the session that made it stays). */
export function deleteOtherSessionsOfUser(db: Database, userId: number, keepIdHash: string): number {
  return Number(db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?').run(userId, keepIdHash).changes);
}

/** Removes sessions past their absolute expiry or idle since before `idleBefore`. */
export function deleteExpiredSessions(db: Database, now: number, idleBefore: number): number {
  return Number(db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?').run(now, idleBefore).changes);
}
