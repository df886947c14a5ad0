import type { PhotoAuthor, Stage, View } from '../content/vocabulary.ts';
import type { PhotoEvidence } from '../evidence/index.ts';
import type { SubmissionStatus } from './submissions.ts';
import type { Database } from './types.ts';

/** A row of `submission_photos`: one ingested photo of a submission. */
export interface SubmissionPhotoRecord {
  /** Opaque random id (base64url). */
  id: string;
  submissionId: string;
  view: View;
  /** The stage the practitioner presents the photo as, if they said. */
  claimedStage: Stage | null;
  /** Storage key of the private original. */
  originalKey: string;
  originalSha256: string;
  /** Content address of the sanitized master (and its preview) in the masters store. */
  masterSha256: string;
  /** Master size in pixels. */
  width: number;
  height: number;
  /** Short side of the original once oriented, in pixels. */
  originalShortSide: number;
  /** 64-bit perceptual hash of the master, 16 hex characters. */
  phash: string;
  /** Capture moment read from EXIF (ISO 8601), if the file had one. */
  exifCapturedAt: string | null;
  /** Camera-clock day of `exifCapturedAt`, `YYYY-MM-DD`. */
  exifCapturedDay: string | null;
  /** The day the practitioner declared, `YYYY-MM-DD`, if they did. */
  declaredCapturedAt: string | null;
  /** Effective capture day: the signed capture's day, else the EXIF day, else the declared day. */
  capturedAt: string;
  /** Whether the file had an EXIF capture day (`exif`) or not (kept for older readers of the table). */
  dateSource: 'exif' | 'declared';
  /** Where `capturedAt` came from. */
  dateFrom: DateFrom;
  /** What the original proves: level, reasons, signer, tool, AI (see src/lib/evidence). */
  evidence: PhotoEvidence;
  /** `<outer>-<inner>` hashes for the copy index; null for photos uploaded before it existed. */
  fingerprint: string | null;
  /** Stage computed from `capturedAt` and the submission's sessions. */
  stage: Stage;
  /** ISO 8601 UTC. */
  uploadedAt: string;
  /** `client` for a photo the client sent through their link; else `practitioner`. */
  addedBy: PhotoAuthor;
}

/** Where a photo's effective date came from. */
export type DateFrom = 'signed' | 'exif' | 'declared';

/** A submitted photo found as a copy, with what the flag messages name. */
export interface PhotoOwner {
  photoId: string;
  submissionId: string;
  practitionerSlug: string;
  status: SubmissionStatus;
  view: View;
  stage: Stage;
  capturedAt: string;
}

interface PhotoRow {
  id: string;
  submission_id: string;
  view: View;
  claimed_stage: Stage | null;
  original_key: string;
  original_sha256: string;
  master_sha256: string;
  width: number;
  height: number;
  original_short_side: number;
  phash: string;
  exif_captured_at: string | null;
  exif_captured_day: string | null;
  declared_captured_at: string | null;
  captured_at: string;
  date_source: 'exif' | 'declared';
  stage: Stage;
  uploaded_at: string;
  date_from: DateFrom;
  evidence_json: string;
  fingerprint: string | null;
  added_by: PhotoAuthor;
}

const columns = 'id, submission_id, view, claimed_stage, original_key, original_sha256, master_sha256, width, height, original_short_side, phash, exif_captured_at, exif_captured_day, declared_captured_at, captured_at, date_source, stage, uploaded_at, date_from, evidence_json, fingerprint, added_by';
const insertColumns = `${columns}, evidence_level, probes`;

function toPhoto(row: PhotoRow): SubmissionPhotoRecord {
  return {
    id: row.id,
    submissionId: row.submission_id,
    view: row.view,
    claimedStage: row.claimed_stage,
    originalKey: row.original_key,
    originalSha256: row.original_sha256,
    masterSha256: row.master_sha256,
    width: row.width,
    height: row.height,
    originalShortSide: row.original_short_side,
    phash: row.phash,
    exifCapturedAt: row.exif_captured_at,
    exifCapturedDay: row.exif_captured_day,
    declaredCapturedAt: row.declared_captured_at,
    capturedAt: row.captured_at,
    dateSource: row.date_source,
    stage: row.stage,
    uploadedAt: row.uploaded_at,
    dateFrom: row.date_from,
    evidence: JSON.parse(row.evidence_json) as PhotoEvidence,
    fingerprint: row.fingerprint,
    addedBy: row.added_by,
  };
}

/** Inserts an ingested photo, with the probes its copy checks will query with. */
export function insertSubmissionPhoto(db: Database, photo: SubmissionPhotoRecord, probes: Uint8Array | null = null): void {
  db.prepare(`INSERT INTO submission_photos (${insertColumns}) VALUES (${insertColumns.split(', ').map(() => '?').join(', ')})`).run(
    photo.id, photo.submissionId, photo.view, photo.claimedStage, photo.originalKey, photo.originalSha256, photo.masterSha256,
    photo.width, photo.height, photo.originalShortSide, photo.phash, photo.exifCapturedAt, photo.exifCapturedDay,
    photo.declaredCapturedAt, photo.capturedAt, photo.dateSource, photo.stage, photo.uploadedAt,
    photo.dateFrom, JSON.stringify(photo.evidence), photo.fingerprint, photo.addedBy, photo.evidence.level, probes,
  );
}

/** The stored probes of a submission's photos, by photo id (photos from before probes existed are absent). */
export function listProbesOfSubmission(db: Database, submissionId: string): Map<string, Uint8Array> {
  const rows = db.prepare('SELECT id, probes FROM submission_photos WHERE submission_id = ? AND probes IS NOT NULL').all(submissionId) as Array<{ id: string; probes: Uint8Array }>;
  return new Map(rows.map((row) => [row.id, row.probes]));
}

/** Every photo with a fingerprint, for building the copy index at start. */
export function listFingerprintedPhotos(db: Database): { photoId: string; fingerprint: string }[] {
  const rows = db.prepare('SELECT id, fingerprint FROM submission_photos WHERE fingerprint IS NOT NULL').all() as Array<{ id: string; fingerprint: string }>;
  return rows.map((row) => ({ photoId: row.id, fingerprint: row.fingerprint }));
}

/** The photos of one submission, in upload order. */
export function listPhotosOfSubmission(db: Database, submissionId: string): SubmissionPhotoRecord[] {
  const rows = db.prepare(`SELECT ${columns} FROM submission_photos WHERE submission_id = ? ORDER BY uploaded_at, id`).all(submissionId) as unknown as PhotoRow[];
  return rows.map(toPhoto);
}

/** One photo, only if it belongs to that submission. */
export function findSubmissionPhoto(db: Database, submissionId: string, photoId: string): SubmissionPhotoRecord | undefined {
  const row = db.prepare(`SELECT ${columns} FROM submission_photos WHERE id = ? AND submission_id = ?`).get(photoId, submissionId) as PhotoRow | undefined;
  return row && toPhoto(row);
}

/** How many photos a submission has. */
export function countPhotosOfSubmission(db: Database, submissionId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM submission_photos WHERE submission_id = ?').get(submissionId) as { n: number }).n;
}

/** How many photos (of any submission) use this master: it may be deleted only at zero. */
export function countPhotosWithMaster(db: Database, masterSha256: string): number {
  return (db.prepare('SELECT count(*) AS n FROM submission_photos WHERE master_sha256 = ?').get(masterSha256) as { n: number }).n;
}

/** Deletes a photo row; returns whether one was deleted. */
export function deleteSubmissionPhoto(db: Database, photoId: string): boolean {
  return Number(db.prepare('DELETE FROM submission_photos WHERE id = ?').run(photoId).changes) > 0;
}

/** Sets the computed stage of a photo (after the submission's sessions changed). */
export function updatePhotoStage(db: Database, photoId: string, stage: Stage): void {
  db.prepare('UPDATE submission_photos SET stage = ? WHERE id = ?').run(stage, photoId);
}

/** The submissions, portfolios and stages of these photos (copies found in the index), in no order. */
export function findPhotoOwners(db: Database, photoIds: readonly string[]): PhotoOwner[] {
  if (photoIds.length === 0) return [];
  const rows = db
    .prepare(`SELECT p.id AS photo_id, p.submission_id, s.practitioner_slug, s.status, p.view, p.stage, p.captured_at
      FROM submission_photos p JOIN submissions s ON s.id = p.submission_id
      WHERE p.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(photoIds)) as unknown as Array<{ photo_id: string; submission_id: string; practitioner_slug: string; status: SubmissionStatus; view: View; stage: Stage; captured_at: string }>;
  return rows.map((row) => ({
    photoId: row.photo_id,
    submissionId: row.submission_id,
    practitionerSlug: row.practitioner_slug,
    status: row.status,
    view: row.view,
    stage: row.stage,
    capturedAt: row.captured_at,
  }));
}
