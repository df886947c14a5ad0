import type { Migration } from '../types.ts';

/**
 * Accounts, sessions, login attempts and the audit log. Human-facing times (`created_at`, `at`)
 * are ISO 8601 UTC text; times only compared by code (expiries, attempts) are epoch milliseconds.
 */
export const accountsMigration: Migration = {
  id: 1,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        -- Compared exactly: callers lower-case and trim before every read and write.
        email TEXT NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND length(email) BETWEEN 3 AND 254),
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'practitioner')),
        -- The portfolio folder a practitioner owns; admins own none.
        practitioner_slug TEXT CHECK (practitioner_slug IS NULL OR practitioner_slug GLOB '[a-z0-9]*'),
        created_at TEXT NOT NULL,
        -- Demo accounts have a published password: production refuses to start while one exists.
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
        CHECK ((role = 'practitioner') = (practitioner_slug IS NOT NULL))
      ) STRICT;

      CREATE TABLE sessions (
        -- SHA-256 of the cookie token: a leaked database file does not hand out live sessions.
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expires ON sessions(expires_at);

      -- Attempts not (yet) followed by a success, per email and client address, for the lockout rule.
      CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL,
        ip TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_attempts_key ON login_attempts(email, ip, at);
      CREATE INDEX login_attempts_at ON login_attempts(at);

      CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        -- No foreign key: the log must outlive the account it mentions.
        actor_user_id INTEGER,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
      ) STRICT;
      CREATE INDEX audit_events_subject ON audit_events(subject, id);
      CREATE INDEX audit_events_actor ON audit_events(actor_user_id, id);

      -- Append-only, enforced by the database itself rather than by every caller's good manners.
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
    `);
  },
};
