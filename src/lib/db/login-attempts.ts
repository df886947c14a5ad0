import type { Database } from './types.ts';

/** Who is trying to sign in: the normalized email and the client address. */
export interface AttemptKey {
  email: string;
  ip: string;
}

/** How long attempt rows are kept at all: far longer than any lockout window. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/** Records one attempt and forgets attempts older than a day (the table never grows unbounded). */
export function recordLoginAttempt(db: Database, key: AttemptKey, at: number): void {
  db.prepare('INSERT INTO login_attempts (email, ip, at) VALUES (?, ?, ?)').run(key.email, key.ip, at);
  db.prepare('DELETE FROM login_attempts WHERE at < ?').run(at - RETENTION_MS);
}

/** Times (epoch ms, ascending) of this key's attempts since `since`. */
export function listLoginAttemptTimes(db: Database, key: AttemptKey, since: number): number[] {
  const rows = db.prepare('SELECT at FROM login_attempts WHERE email = ? AND ip = ? AND at > ? ORDER BY at').all(key.email, key.ip, since) as Array<{ at: number }>;
  return rows.map((row) => row.at);
}

/** Times (epoch ms, ascending) of attempts on one account from any address since `since`. */
export function listAccountAttemptTimes(db: Database, email: string, since: number): number[] {
  const rows = db.prepare('SELECT at FROM login_attempts WHERE email = ? AND at > ? ORDER BY at').all(email, since) as Array<{ at: number }>;
  return rows.map((row) => row.at);
}

/** Times (epoch ms, ascending) of attempts from one address on any account since `since`. */
export function listAddressAttemptTimes(db: Database, ip: string, since: number): number[] {
  const rows = db.prepare('SELECT at FROM login_attempts WHERE ip = ? AND at > ? ORDER BY at').all(ip, since) as Array<{ at: number }>;
  return rows.map((row) => row.at);
}

/** Forgets this key's attempts (after a successful sign-in). */
export function clearLoginAttempts(db: Database, key: AttemptKey): void {
  db.prepare('DELETE FROM login_attempts WHERE email = ? AND ip = ?').run(key.email, key.ip);
}
