import type { DatabaseSync } from 'node:sqlite';

/** The database handle every repository function takes: one synchronous node:sqlite connection. */
export type Database = DatabaseSync;

/**
 * One numbered schema change. Migrations run in `id` order, each inside its own transaction, and
 * are recorded in `schema_migrations` so each runs exactly once per database.
 */
export interface Migration {
  /** 1, 2, 3…: the order of application; never reuse or renumber a shipped id. */
  id: number;
  /** Short kebab-case name, recorded beside the id for people reading the database. */
  name: string;
  /** Applies the change; synchronous, so it stays inside the migration's transaction. */
  up(db: Database): void;
}

/** What an account may do: an admin moderates; a practitioner owns one portfolio. */
export type Role = 'admin' | 'practitioner';

/** A row of `users`, in code's naming. */
export interface UserRecord {
  id: number;
  /** Always trimmed and lower-case (the column enforces it). */
  email: string;
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (see src/lib/accounts/password.ts). */
  passwordHash: string;
  role: Role;
  /** The portfolio folder a practitioner owns; null for admins. */
  practitionerSlug: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Seeded demo account (password published in the README): production refuses to start with one. */
  isDemo: boolean;
  /** When the account was disabled (ISO 8601 UTC): it cannot sign in and has no sessions. Null while active. */
  disabledAt: string | null;
}

/** A row of `sessions`. Times are epoch milliseconds. */
export interface SessionRecord {
  /** SHA-256 (hex) of the cookie token: the token itself is never stored. */
  idHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end of the session, whatever the activity. */
  expiresAt: number;
}

/** A row of `audit_events`: who did what to which subject, with the state before and after. */
export interface AuditEvent {
  id: number;
  /** ISO 8601 UTC. */
  at: string;
  /** The acting user; null for anonymous callers and command-line tools. */
  actorUserId: number | null;
  /** Dotted verb, e.g. `auth.login.success`, `user.create`. */
  action: string;
  /** What it concerns, as `kind:id`, e.g. `user:3`, `email:ana@healed.test`, `case:ab12`. */
  subject: string;
  before: unknown;
  after: unknown;
}
