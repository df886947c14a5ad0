import type { Migration } from '../types.ts';

/**
 * Moderation: the decision on a submission (who, when, why, and the override of its flags) kept
 * on the submission itself for the review page, with every decision also in the audit log; and
 * public reports about published cases, waiting in the admins' queue.
 */
export const moderationMigration: Migration = {
  id: 3,
  name: 'moderation',
  up(db) {
    db.exec(`
      -- The latest moderation decision (the audit log keeps every one). No foreign key on the
      -- admin: the decision stays true even if the account is removed.
      ALTER TABLE submissions ADD COLUMN decided_by INTEGER;
      ALTER TABLE submissions ADD COLUMN decided_at TEXT;
      -- The reject reason, or the message a request for changes sends back to the practitioner.
      ALTER TABLE submissions ADD COLUMN decision_reason TEXT;
      -- Why an admin approved despite the automatic flags (required when there were flags).
      ALTER TABLE submissions ADD COLUMN override_reason TEXT;

      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        -- A published case id (checked against portfolios/ when reported; no foreign key: cases
        -- live in files, and a report must outlive a withdrawn case).
        case_id TEXT NOT NULL CHECK (length(case_id) BETWEEN 1 AND 200),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 10 AND 2000),
        -- Optional way to reach the reporter (an email or phone, free text).
        contact TEXT CHECK (contact IS NULL OR length(contact) <= 200),
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'))
      ) STRICT;
      CREATE INDEX reports_status ON reports(status, id);
    `);
  },
};
