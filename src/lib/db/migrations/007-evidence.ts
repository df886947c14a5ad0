import type { Migration } from '../types.ts';

/**
 * Evidence and copies (issue 9): each submitted photo keeps its evidence level and reasons (what
 * its original file proves), where its effective date came from, and its perceptual fingerprint
 * and probes for the shared copy index. Photos uploaded before this migration had only "an EXIF
 * date or not": they become camera-original or declared, with a reason saying edits were not
 * looked for, and have no fingerprint (their copy checks use the whole-photo hash).
 */
export const evidenceMigration: Migration = {
  id: 7,
  name: 'evidence',
  up(db) {
    db.exec(`
      -- signed-capture, camera-original, edited or declared (ARCHITECTURE.md, "evidence level").
      ALTER TABLE submission_photos ADD COLUMN evidence_level TEXT NOT NULL DEFAULT 'declared'
        CHECK (evidence_level IN ('signed-capture', 'camera-original', 'edited', 'declared'));
      -- {level, reasons[], signer?, tool?, ai?, credentials, signedAt?, signedDay?}.
      ALTER TABLE submission_photos ADD COLUMN evidence_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence_json));
      -- Where captured_at came from: the signed capture, the EXIF date, or the practitioner.
      ALTER TABLE submission_photos ADD COLUMN date_from TEXT NOT NULL DEFAULT 'declared' CHECK (date_from IN ('signed', 'exif', 'declared'));
      -- "<outer>-<inner>" 64-bit hashes (16 hex each) the copy index stores; NULL for older photos.
      ALTER TABLE submission_photos ADD COLUMN fingerprint TEXT CHECK (fingerprint IS NULL OR length(fingerprint) = 33);
      -- The hashes a copy check of this photo queries with (every crop and mirror tried), 16 bytes each.
      ALTER TABLE submission_photos ADD COLUMN probes BLOB;

      UPDATE submission_photos SET
        evidence_level = CASE date_source WHEN 'exif' THEN 'camera-original' ELSE 'declared' END,
        date_from = date_source,
        evidence_json = json_object(
          'level', CASE date_source WHEN 'exif' THEN 'camera-original' ELSE 'declared' END,
          'reasons', json_array(CASE date_source
            WHEN 'exif' THEN 'The camera''s metadata dates it; it was uploaded before Healed looked for signs of editing.'
            ELSE 'The file carries no usable capture date: the date is the practitioner''s word.' END),
          'credentials', 'none');
    `);
  },
};
