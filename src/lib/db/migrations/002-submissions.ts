import type { Migration } from '../types.ts';

/**
 * Submissions (cases in flight, from draft to live), their photos and the automatic flags the
 * moderator sees. Ids are opaque random strings (base64url), never row numbers: they appear in
 * URLs and must not reveal how many cases exist or let anyone guess a neighbour's.
 * Times are ISO 8601 UTC text; calendar days (sessions, capture days) are `YYYY-MM-DD`.
 */
export const submissionsMigration: Migration = {
  id: 2,
  name: 'submissions',
  up(db) {
    db.exec(`
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        owner_user_id INTEGER NOT NULL REFERENCES users(id),
        -- The portfolio the case will be published into (the owner's slug when it was created).
        practitioner_slug TEXT NOT NULL CHECK (practitioner_slug GLOB '[a-z0-9]*'),
        -- draft → pending → approved → publishing → live; rejected, changes-requested and
        -- withdrawn come with moderation and withdrawal (issue 5).
        status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'approved', 'publishing', 'live', 'rejected', 'changes-requested', 'withdrawn')),
        treatment TEXT NOT NULL,
        profile_json TEXT NOT NULL CHECK (json_valid(profile_json)),
        sessions_json TEXT NOT NULL CHECK (json_valid(sessions_json) AND json_type(sessions_json) = 'array'),
        -- NULL until the practitioner records the client's consent.
        consent_json TEXT CHECK (consent_json IS NULL OR json_valid(consent_json)),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT
      ) STRICT;
      CREATE INDEX submissions_owner ON submissions(owner_user_id, created_at);
      CREATE INDEX submissions_status ON submissions(status, submitted_at);

      CREATE TABLE submission_photos (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 64),
        submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        view TEXT NOT NULL,
        -- The stage the practitioner presents the photo as (optional); the computed one is stage.
        claimed_stage TEXT,
        -- Storage key of the untouched original (private; may carry GPS).
        original_key TEXT NOT NULL UNIQUE,
        original_sha256 TEXT NOT NULL CHECK (length(original_sha256) = 64),
        -- Content address of the sanitized master and its preview in <DATA_DIR>/masters.
        master_sha256 TEXT NOT NULL CHECK (length(master_sha256) = 64),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        -- Short side of the original once oriented: the low-resolution check reads it.
        original_short_side INTEGER NOT NULL CHECK (original_short_side > 0),
        phash TEXT NOT NULL CHECK (length(phash) = 16),
        -- Capture moment and camera-clock day from EXIF; NULL when the file carried none.
        exif_captured_at TEXT,
        exif_captured_day TEXT,
        -- The day the practitioner declared, if they did.
        declared_captured_at TEXT,
        -- Effective capture day: EXIF when found, else the declared day.
        captured_at TEXT NOT NULL,
        date_source TEXT NOT NULL CHECK (date_source IN ('exif', 'declared')),
        stage TEXT NOT NULL CHECK (stage IN ('before', 'fresh', 'settling', 'healed', 'long-term')),
        uploaded_at TEXT NOT NULL,
        CHECK ((date_source = 'exif') = (exif_captured_day IS NOT NULL))
      ) STRICT;
      CREATE INDEX submission_photos_submission ON submission_photos(submission_id, uploaded_at);
      CREATE INDEX submission_photos_master ON submission_photos(master_sha256);

      -- The automatic checks' findings, computed at submit; what the moderator reads first.
      CREATE TABLE submission_flags (
        id INTEGER PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        photo_id TEXT REFERENCES submission_photos(id) ON DELETE CASCADE,
        -- The other submission a near-duplicate was found in (moderators only; no foreign key:
        -- the finding stays true even if that submission is later removed).
        related_submission_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX submission_flags_submission ON submission_flags(submission_id, id);
    `);
  },
};
