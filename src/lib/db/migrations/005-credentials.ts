import type { Migration } from '../types.ts';

/**
 * Credentials a practitioner submits for verification, each with a certificate file (stored
 * privately like a case original; its sanitized master and preview in the masters store). A
 * verified one is written into the practitioner's `practitioner.yaml` with `verified: true`.
 */
export const credentialsMigration: Migration = {
  id: 5,
  name: 'credentials',
  up(db) {
    db.exec(`
      CREATE TABLE credentials (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        owner_user_id INTEGER NOT NULL REFERENCES users(id),
        practitioner_slug TEXT NOT NULL CHECK (practitioner_slug GLOB '[a-z0-9]*'),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 2 AND 160),
        issuer TEXT NOT NULL CHECK (length(issuer) BETWEEN 2 AND 160),
        year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        -- Storage key of the untouched certificate file (private).
        original_key TEXT NOT NULL UNIQUE,
        -- Content address of its sanitized master and preview in <DATA_DIR>/masters.
        master_sha256 TEXT NOT NULL CHECK (length(master_sha256) = 64),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        decided_by INTEGER,
        decided_at TEXT,
        decision_reason TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_status ON credentials(status, created_at);
      CREATE INDEX credentials_owner ON credentials(owner_user_id, created_at);
    `);
  },
};
