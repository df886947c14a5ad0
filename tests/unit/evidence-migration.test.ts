import { describe, expect, it } from 'vitest';
import { insertUser, migrate, migrations, openDatabase } from '../../src/lib/db/index.ts';
import { listPhotosOfSubmission } from '../../src/lib/db/submission-photos.ts';
import { evidenceMigration } from '../../src/lib/db/migrations/007-evidence.ts';

/** A photo row as migration 002 wrote it, before evidence levels. */
function insertOldPhoto(db: ReturnType<typeof openDatabase>, id: string, exifDay: string | null): void {
  db.prepare(`INSERT INTO submission_photos (id, submission_id, view, original_key, original_sha256, master_sha256, width, height, original_short_side, phash,
    exif_captured_day, captured_at, date_source, stage, uploaded_at) VALUES (?, 'SubmissionBeforeEvidence1', 'top', ?, ?, ?, 1600, 1200, 1200, '0123456789abcdef', ?, '2025-05-01', ?, 'healed', '2025-06-01T00:00:00.000Z')`)
    .run(id, `key-${id}`, 'a'.repeat(64), 'b'.repeat(64), exifDay, exifDay ? 'exif' : 'declared');
}

// By its id, not a number: migrations may be renumbered when branches merge.
const before = migrations.filter((m) => m.id < evidenceMigration.id);

describe('the evidence migration', () => {
  it('gives photos uploaded before it camera-original or declared, saying edits were not looked for', () => {
    const db = openDatabase(':memory:');
    migrate(db, before);
    const user = insertUser(db, { email: 'old@healed.test', passwordHash: 'x', role: 'practitioner', practitionerSlug: 'ana-ribeiro' });
    // As migration 002 wrote a submission (today's typed insert knows later columns).
    db.prepare(`INSERT INTO submissions (id, owner_user_id, practitioner_slug, status, treatment, profile_json, sessions_json, notes, created_at, updated_at)
      VALUES ('SubmissionBeforeEvidence1', ?, 'ana-ribeiro', 'draft', 'male-pattern-baldness', '{"fitzpatrick":"III"}', '["2025-01-10"]', '', '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z')`).run(user.id);
    insertOldPhoto(db, 'PhotoWithExifDate0000001', '2025-05-01');
    insertOldPhoto(db, 'PhotoWithoutADate00000001', null);
    expect(migrate(db, [...before, evidenceMigration])).toEqual([evidenceMigration.id]);
    // The rows are read by today's code, after every later migration.
    migrate(db);
    const [exif, declared] = listPhotosOfSubmission(db, 'SubmissionBeforeEvidence1').sort((a, b) => a.id.localeCompare(b.id));
    expect(declared).toMatchObject({ id: 'PhotoWithoutADate00000001', dateFrom: 'declared', fingerprint: null, evidence: { level: 'declared', credentials: 'none' } });
    expect(exif).toMatchObject({ id: 'PhotoWithExifDate0000001', dateFrom: 'exif', evidence: { level: 'camera-original', reasons: [expect.stringMatching(/uploaded before Healed looked for signs of editing/)] } });
    db.close();
  });
});
