import type { Database, Role, UserRecord } from './types.ts';

/** What a new account needs; id and creation time are assigned here. */
export interface NewUser {
  email: string;
  passwordHash: string;
  role: Role;
  practitionerSlug: string | null;
  isDemo?: boolean;
}

interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  role: Role;
  practitioner_slug: string | null;
  created_at: string;
  is_demo: number;
  disabled_at: string | null;
}

const columns = 'id, email, password_hash, role, practitioner_slug, created_at, is_demo, disabled_at';

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role,
    practitionerSlug: row.practitioner_slug,
    createdAt: row.created_at,
    isDemo: row.is_demo === 1,
    disabledAt: row.disabled_at,
  };
}

/** Inserts an account; throws on a duplicate email (the column is UNIQUE). */
export function insertUser(db: Database, user: NewUser, now = new Date()): UserRecord {
  const row = db
    .prepare(`INSERT INTO users (email, password_hash, role, practitioner_slug, created_at, is_demo)
      VALUES (?, ?, ?, ?, ?, ?) RETURNING ${columns}`)
    .get(user.email, user.passwordHash, user.role, user.practitionerSlug, now.toISOString(), user.isDemo ? 1 : 0) as unknown as UserRow;
  return toUser(row);
}

/** The account with this (already normalized) email, if any. */
export function findUserByEmail(db: Database, email: string): UserRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM users WHERE email = ?`).get(email) as UserRow | undefined;
  return row && toUser(row);
}

/** The account with this id, if any. */
export function findUserById(db: Database, id: number): UserRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  return row && toUser(row);
}

/** Every seeded demo account (production refuses to start while this is not empty). */
export function listDemoUsers(db: Database): UserRecord[] {
  return (db.prepare(`SELECT ${columns} FROM users WHERE is_demo = 1 ORDER BY id`).all() as unknown as UserRow[]).map(toUser);
}

/** Replaces an account's password hash; false when the account does not exist. */
export function updatePasswordHash(db: Database, userId: number, passwordHash: string): boolean {
  return Number(db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId).changes) === 1;
}

/** Marks an account disabled (once: the first time is kept); false when the account does not exist. */
export function disableUser(db: Database, userId: number, at = new Date()): boolean {
  return Number(db.prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?').run(at.toISOString(), userId).changes) === 1;
}

/** The active account of the practitioner who owns this portfolio, if any. */
export function findPractitionerAccount(db: Database, practitionerSlug: string): UserRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM users WHERE practitioner_slug = ? AND disabled_at IS NULL ORDER BY id LIMIT 1`).get(practitionerSlug) as UserRow | undefined;
  return row && toUser(row);
}
