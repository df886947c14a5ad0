import type { Migration } from '../types.ts';

/**
 * Follow-ups and client confirmation (issue 10). A submission is now of a kind: a new `case`, or a
 * `follow-up` that adds photos (and a touch-up session) to a live case; a photo may be added by
 * the client. The publish journal may hold several rows per case (its publish, then each
 * follow-up), so it is rebuilt without the unique case id (a publish row stays unique per case).
 * Client links are one-time tokens (only their SHA-256 kept); client answers record what the
 * client said and when its effect on a published case was done; failed link lookups are counted
 * per address (as a salted digest) for the rate limit.
 */
export const followUpsMigration: Migration = {
  id: 10,
  name: 'follow-ups',
  up(db) {
    db.exec(`
      ALTER TABLE submissions ADD COLUMN kind TEXT NOT NULL DEFAULT 'case' CHECK (kind IN ('case', 'follow-up'));
      -- The live case a follow-up adds to (its folder name); NULL for a new case.
      ALTER TABLE submissions ADD COLUMN case_id TEXT CHECK (case_id IS NULL OR case_id GLOB '[a-z0-9]*');
      -- The touch-up session day a follow-up adds, if there was one.
      ALTER TABLE submissions ADD COLUMN touch_up TEXT;
      -- Every touch-up of the case with this follow-up's own (stages are computed from them).
      ALTER TABLE submissions ADD COLUMN touch_ups_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(touch_ups_json) AND json_type(touch_ups_json) = 'array');
      CREATE INDEX submissions_case ON submissions(case_id) WHERE case_id IS NOT NULL;

      -- practitioner, or client: a photo the client sent through their link.
      ALTER TABLE submission_photos ADD COLUMN added_by TEXT NOT NULL DEFAULT 'practitioner' CHECK (added_by IN ('practitioner', 'client'));

      CREATE TABLE publish_journal_v10 (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        -- The case folder name: chosen once for a publish; the live case for a follow-up.
        case_id TEXT NOT NULL CHECK (case_id GLOB '[a-z0-9]*'),
        -- publish: writes a new case folder; follow-up: appends to a live one.
        kind TEXT NOT NULL DEFAULT 'publish' CHECK (kind IN ('publish', 'follow-up')),
        practitioner_slug TEXT NOT NULL,
        published_on TEXT NOT NULL,
        done_step TEXT CHECK (done_step IS NULL OR done_step IN ('write-folder', 'variants', 'content', 'search', 'cache', 'live', 'withdrawn')),
        actor_user_id INTEGER,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO publish_journal_v10 (submission_id, case_id, kind, practitioner_slug, published_on, done_step, actor_user_id, started_at, updated_at)
        SELECT submission_id, case_id, 'publish', practitioner_slug, published_on, done_step, actor_user_id, started_at, updated_at FROM publish_journal;
      DROP TABLE publish_journal;
      ALTER TABLE publish_journal_v10 RENAME TO publish_journal;
      CREATE UNIQUE INDEX publish_journal_case ON publish_journal(case_id) WHERE kind = 'publish';
      CREATE INDEX publish_journal_case_all ON publish_journal(case_id, started_at);
      CREATE INDEX publish_journal_unfinished ON publish_journal(done_step);

      CREATE TABLE client_links (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        -- SHA-256 (hex) of the token in the link: a leaked database hands out no link.
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        practitioner_slug TEXT NOT NULL,
        -- What the link is about: a submission not yet live, or a published case.
        submission_id TEXT REFERENCES submissions(id),
        case_id TEXT,
        created_by INTEGER,
        created_at TEXT NOT NULL,
        -- Epoch ms: valid until then (14 days).
        expires_ms INTEGER NOT NULL,
        -- Epoch ms the client answered (the link is spent), or a newer link for the case replaced it.
        used_ms INTEGER,
        revoked_ms INTEGER,
        CHECK (submission_id IS NOT NULL OR case_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX client_links_case ON client_links(case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX client_links_submission ON client_links(submission_id) WHERE submission_id IS NOT NULL;

      CREATE TABLE client_answers (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        link_id TEXT NOT NULL REFERENCES client_links(id),
        practitioner_slug TEXT NOT NULL,
        submission_id TEXT,
        case_id TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('confirm', 'decline', 'withdraw')),
        -- The client's optional message to the practitioner and the moderator.
        message TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
        -- The photo the client added (a row of submission_photos), if they did.
        photo_id TEXT,
        answered_at TEXT NOT NULL,
        -- When its effect on the published case (confirmation written, case hidden or withdrawn)
        -- was done; NULL while due (finished at the next start after a crash).
        applied_at TEXT,
        -- A moderator's review of a decline: restore (shown again) or withdraw.
        reviewed_at TEXT,
        reviewed_by INTEGER,
        review_action TEXT CHECK (review_action IS NULL OR review_action IN ('restore', 'withdraw')),
        review_note TEXT,
        review_applied_at TEXT
      ) STRICT;
      CREATE INDEX client_answers_case ON client_answers(case_id, answered_at);
      CREATE INDEX client_answers_submission ON client_answers(submission_id, answered_at);
      CREATE INDEX client_answers_due ON client_answers(answered_at) WHERE applied_at IS NULL;

      -- Link lookups that found no valid link, per address (salted digest), for the rate limit.
      CREATE TABLE client_link_failures (
        address_digest TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX client_link_failures_address ON client_link_failures(address_digest, at_ms);
    `);
  },
};
