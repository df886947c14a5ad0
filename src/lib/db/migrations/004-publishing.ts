import type { Migration } from '../types.ts';

/**
 * The publish journal (one row per approved submission: how far its publish got, so a crash is
 * finished at the next start) and the withdrawal tombstones (a withdrawn case id answers 410 and
 * is never reused). Times are ISO 8601 UTC; `published_on` is the `YYYY-MM-DD` written as
 * `publishedAt`, fixed when the publish starts so a resumed publish writes identical bytes.
 */
export const publishingMigration: Migration = {
  id: 4,
  name: 'publishing',
  up(db) {
    db.exec(`
      CREATE TABLE publish_journal (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        -- The case folder name, chosen once: stable across retries and restarts.
        case_id TEXT NOT NULL UNIQUE CHECK (case_id GLOB '[a-z0-9]*'),
        practitioner_slug TEXT NOT NULL,
        published_on TEXT NOT NULL,
        -- The last step recorded as done; NULL before the first one.
        done_step TEXT CHECK (done_step IS NULL OR done_step IN ('write-folder', 'variants', 'content', 'search', 'cache', 'live', 'withdrawn')),
        actor_user_id INTEGER,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX publish_journal_unfinished ON publish_journal(done_step);

      CREATE TABLE withdrawals (
        case_id TEXT PRIMARY KEY,
        practitioner_slug TEXT NOT NULL,
        -- The submission it was published from, when it came through the submission flow.
        submission_id TEXT,
        withdrawn_at TEXT NOT NULL,
        actor_user_id INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        -- The content addresses of its photos, so a resumed withdrawal knows what to delete.
        photo_sha256s_json TEXT NOT NULL CHECK (json_valid(photo_sha256s_json)),
        -- NULL until every step (folder, content, search, variants, originals) is done.
        completed_at TEXT
      ) STRICT;
    `);
  },
};
