/**
 * Sessions live in our own `sessions` table, behind an opaque random token in an HttpOnly cookie,
 * rather than in Astro sessions. Why:
 * - Astro serializes its session config (driver options, cookie flags) into the build. A custom
 *   driver entrypoint could still find DATA_DIR at run time, but the cookie's `secure` flag would
 *   be fixed per build, while HEALED_MODE (demo over http, production Secure) is chosen at start.
 * - We need a 7-day absolute and a 24-hour idle expiry, a new id at every sign-in, and "end every
 *   session of this user" (password reset, account removal, demo cleanup): one indexed table
 *   does all of it; Astro's per-value TTL does none of it.
 * - The database is already the store every instance shares, so it is the "shared driver" of
 *   ARCHITECTURE.md, with no second store (or node_modules/.astro/sessions) to back up or secure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deleteExpiredSessions, deleteSession, findSessionWithUser, insertSession, touchSession } from '../db/sessions.ts';
import type { Database, UserRecord } from '../db/types.ts';
import type { NewSession, SignedInUser } from './types.ts';

/** How long a session lives. */
export interface SessionPolicy {
  /** From sign-in, whatever the activity: a stolen cookie stops working after this. */
  absoluteMs: number;
  /** Without any request: a forgotten signed-in laptop signs itself out. */
  idleMs: number;
  /** Activity is written at most this often, so browsing does not turn every request into a write. */
  touchEveryMs: number;
}

/** 7 days absolute, 24 hours idle (activity recorded every 5 minutes, so idle is exact to 5 minutes). */
export const sessionPolicy: SessionPolicy = { absoluteMs: 7 * 24 * 3600_000, idleMs: 24 * 3600_000, touchEveryMs: 5 * 60_000 };

/** The digest stored for a token: the database never holds a usable cookie value. */
export function sessionIdHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Public face of a stored user. */
export function toSignedInUser(user: UserRecord): SignedInUser {
  return { id: user.id, email: user.email, role: user.role, practitionerSlug: user.practitionerSlug, isDemo: user.isDemo };
}

/** Starts a session for a user and returns its token (256 random bits), for the cookie only. */
export function createSession(db: Database, userId: number, now = Date.now(), policy = sessionPolicy): NewSession {
  // Housekeeping on sign-in rather than on a timer: one indexed delete, no background job to run.
  deleteExpiredSessions(db, now, now - policy.idleMs);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + policy.absoluteMs;
  insertSession(db, { idHash: sessionIdHash(token), userId, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, expiresAt };
}

/** The user a token signs in, or undefined when it is unknown, expired or idle too long (then it is deleted). */
export function readSession(db: Database, token: string, now = Date.now(), policy = sessionPolicy): SignedInUser | undefined {
  const idHash = sessionIdHash(token);
  const found = findSessionWithUser(db, idHash);
  if (!found) return undefined;
  const { session, user } = found;
  // A disabled account's sessions end with it (user:disable deletes them too; this is the backstop).
  if (now >= session.expiresAt || now - session.lastSeenAt >= policy.idleMs || user.disabledAt) {
    deleteSession(db, idHash);
    return undefined;
  }
  if (now - session.lastSeenAt >= policy.touchEveryMs) touchSession(db, idHash, now);
  return toSignedInUser(user);
}

/** Ends the session of a token; a no-op for an unknown one. */
export function destroySession(db: Database, token: string): void {
  deleteSession(db, sessionIdHash(token));
}
