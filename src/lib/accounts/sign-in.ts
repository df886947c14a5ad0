import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { clearLoginAttempts, listAccountAttemptTimes, listAddressAttemptTimes, listLoginAttemptTimes, recordLoginAttempt, type AttemptKey } from '../db/login-attempts.ts';
import type { Database } from '../db/types.ts';
import { findUserByEmail } from '../db/users.ts';
import { verifyDummyPassword, verifyPassword } from './password.ts';
import type { BoundedQueue } from './bounded-queue.ts';
import { lockedUntil, loginLimits, retryAfterSeconds, type LoginLimits } from './rate-limit.ts';
import { createSession, destroySession, toSignedInUser } from './sessions.ts';
import type { Credentials, SignInResult, SignedInUser } from './types.ts';

/** Where a sign-in comes from. */
export interface SignInContext {
  /** Client address, for the lockout key and the audit log. */
  ip: string;
  /** The session cookie the browser already had, if any: replaced, never reused (no session fixation). */
  previousToken?: string | undefined;
  now?: number;
  /** The three failure limits (default `loginLimits`). */
  limits?: LoginLimits;
  /** Where password checks wait for a slot; a full queue answers `busy` before anything is counted. */
  queue?: BoundedQueue;
}

/** Seconds a client told "busy" waits before trying again. */
const busyRetrySeconds = 2;

/**
 * Checks credentials under the three failure limits (per email + address, per account, per
 * address) and a bounded queue of password checks, and on success starts a new session. Wrong
 * email and wrong password answer alike (same code, same time). Every outcome is audited.
 */
export async function signIn(db: Database, credentials: Credentials, context: SignInContext): Promise<SignInResult> {
  const now = context.now ?? Date.now();
  const limits = context.limits ?? loginLimits;
  const key: AttemptKey = { email: credentials.email, ip: context.ip };
  const subject = `email:${credentials.email}`;
  // Full: refused before anything is counted or hashed. From here to `tryRun` nothing awaits,
  // so the decision and the admission are one step.
  if (context.queue?.full) return { ok: false, code: 'busy', retryAfterSeconds: busyRetrySeconds };

  // The attempt is counted before the password is checked, in the same transaction as the lock
  // check: parallel guesses cannot all slip in while the first ones are still being verified.
  const until = inTransaction(db, () => {
    const locks = [
      lockedUntil(listLoginAttemptTimes(db, key, now - limits.pair.windowMs), now, limits.pair),
      lockedUntil(listAccountAttemptTimes(db, key.email, now - limits.account.windowMs), now, limits.account),
      lockedUntil(listAddressAttemptTimes(db, key.ip, now - limits.address.windowMs), now, limits.address),
    ].filter((at) => at !== undefined);
    const locked = locks.length ? Math.max(...locks) : undefined;
    if (locked === undefined) recordLoginAttempt(db, key, now);
    return locked;
  });
  if (until !== undefined) {
    recordAuditEvent(db, { actorUserId: null, action: 'auth.login.locked', subject, after: { ip: context.ip, until: new Date(until).toISOString() } }, new Date(now));
    return { ok: false, code: 'too-many-attempts', retryAfterSeconds: retryAfterSeconds(until, now) };
  }

  const user = findUserByEmail(db, credentials.email);
  const check = () => (user ? verifyPassword(credentials.password, user.passwordHash) : verifyDummyPassword(credentials.password));
  const pending = context.queue ? context.queue.tryRun(check) : check();
  if (!pending) return { ok: false, code: 'busy', retryAfterSeconds: busyRetrySeconds };
  const valid = await pending;
  if (!user || !valid) {
    const reason = user ? 'wrong-password' : 'unknown-email';
    recordAuditEvent(db, { actorUserId: null, action: 'auth.login.failure', subject, after: { ip: context.ip, reason } }, new Date(now));
    return { ok: false, code: 'invalid-credentials' };
  }
  if (user.disabledAt) {
    // Told only to someone who knows the password: the owner learns why, a guesser learns nothing new.
    recordAuditEvent(db, { actorUserId: null, action: 'auth.login.disabled', subject: `user:${user.id}`, after: { ip: context.ip } }, new Date(now));
    return { ok: false, code: 'account-disabled' };
  }

  const session = inTransaction(db, () => {
    clearLoginAttempts(db, key);
    if (context.previousToken) destroySession(db, context.previousToken);
    const created = createSession(db, user.id, now);
    recordAuditEvent(db, { actorUserId: user.id, action: 'auth.login.success', subject: `user:${user.id}`, after: { ip: context.ip } }, new Date(now));
    return created;
  });
  return { ok: true, user: toSignedInUser(user), session };
}

/** Ends the session behind a token and audits it; anonymous callers change nothing. */
export function signOut(db: Database, token: string | undefined, user: SignedInUser | null, ip: string): void {
  if (!token) return;
  inTransaction(db, () => {
    destroySession(db, token);
    if (user) recordAuditEvent(db, { actorUserId: user.id, action: 'auth.logout', subject: `user:${user.id}`, after: { ip } });
  });
}
