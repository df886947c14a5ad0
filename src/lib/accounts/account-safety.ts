import { recordAuditEvent } from '../db/audit.ts';
import { inTransaction } from '../db/database.ts';
import { deleteOtherSessionsOfUser, deleteSessionsOfUser } from '../db/sessions.ts';
import type { Database } from '../db/types.ts';
import { disableUser, findUserByEmail, findUserById, updatePasswordHash } from '../db/users.ts';
import { HttpError } from '../http/index.ts';
import type { BoundedQueue } from './bounded-queue.ts';
import { MAX_PASSWORD_LENGTH, newPasswordProblem } from './credentials.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { sessionIdHash } from './sessions.ts';
import type { SignedInUser } from './types.ts';

/** What a password change needs: the current password (proof it is the owner) and the new one. */
export interface PasswordChange {
  currentPassword?: unknown;
  newPassword?: unknown;
}

/**
 * Changes the signed-in user's password after checking the current one, then ends every other
 * session of the account (a stolen cookie stops working); the session that made the change stays.
 * Refusals: 400 with the field at fault, 401 for a wrong current password, 429 when busy.
 */
export async function changePassword(db: Database, user: SignedInUser, token: string, change: PasswordChange, queue?: BoundedQueue): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = change;
  if (typeof currentPassword !== 'string' || !currentPassword || currentPassword.length > MAX_PASSWORD_LENGTH) {
    throw new HttpError(400, 'invalid-request', 'currentPassword: enter your current password.', { field: 'currentPassword' });
  }
  if (typeof newPassword !== 'string') throw new HttpError(400, 'invalid-request', 'newPassword: enter a new password.', { field: 'newPassword' });
  const problem = newPasswordProblem(newPassword);
  if (problem) throw new HttpError(400, 'invalid-request', `newPassword: ${problem}.`, { field: 'newPassword' });
  const stored = findUserById(db, user.id);
  if (!stored) throw new HttpError(401, 'unauthenticated', 'Sign in again.');
  const check = () => verifyPassword(currentPassword, stored.passwordHash);
  const pending = queue ? queue.tryRun(check) : check();
  if (!pending) throw new HttpError(429, 'busy', 'Too many password checks right now: try again in a moment.', {}, { 'Retry-After': '2' });
  if (!(await pending)) {
    recordAuditEvent(db, { actorUserId: user.id, action: 'auth.password.change-refused', subject: `user:${user.id}`, after: { reason: 'wrong-current-password' } });
    throw new HttpError(401, 'wrong-password', 'currentPassword: that is not your current password.', { field: 'currentPassword' });
  }
  const hash = await hashPassword(newPassword);
  return inTransaction(db, () => {
    updatePasswordHash(db, user.id, hash);
    const endedSessions = deleteOtherSessionsOfUser(db, user.id, sessionIdHash(token));
    recordAuditEvent(db, { actorUserId: user.id, action: 'auth.password.change', subject: `user:${user.id}`, after: { endedSessions } });
    return { endedSessions };
  });
}

/** Ends every session of the signed-in user, this one included ("sign out everywhere"). */
export function signOutEverywhere(db: Database, user: SignedInUser): { endedSessions: number } {
  return inTransaction(db, () => {
    const endedSessions = deleteSessionsOfUser(db, user.id);
    recordAuditEvent(db, { actorUserId: user.id, action: 'auth.logout.everywhere', subject: `user:${user.id}`, after: { endedSessions } });
    return { endedSessions };
  });
}

/**
 * Disables an account by email (`npm run user:disable`): it can no longer sign in, and all its
 * sessions end now. Idempotent. Undefined when no account has that email.
 */
export function disableAccount(db: Database, email: string, actorUserId: number | null = null): { userId: number; endedSessions: number } | undefined {
  const user = findUserByEmail(db, email);
  if (!user) return undefined;
  return inTransaction(db, () => {
    disableUser(db, user.id);
    const endedSessions = deleteSessionsOfUser(db, user.id);
    recordAuditEvent(db, { actorUserId, action: 'user.disable', subject: `user:${user.id}`, before: { disabledAt: user.disabledAt }, after: { email: user.email, endedSessions } });
    return { userId: user.id, endedSessions };
  });
}
