/**
 * Builders for the submission flow: request bodies of `POST /api/submissions`, and the plain data
 * the automatic checks read (photos, other submissions' photos). Every builder gives a valid,
 * flag-free value by default; tests override only what they are about.
 */
import type { SubmissionPhotoRecord } from '../../src/lib/db/submission-photos.ts';
import type { CopyOf, CopyOwner, FlagInput, FlagPhoto } from '../../src/lib/submissions/flags.ts';
import { addDays } from './content.ts';

/** The last session of the default case; photo dates are usually given relative to it. */
export const lastSession = '2025-02-01';
/** The default case's sessions: two, three weeks apart. */
export const defaultSessions = ['2025-01-10', lastSession];
/** "Now" for tests that pin the clock: well after every default date. */
export const testNow = new Date('2026-01-15T12:00:00Z');

/** A day `days` after the default last session (negative: before it). */
export function afterLast(days: number): string {
  return addDays(lastSession, days);
}

/** A valid `POST /api/submissions` body; override any field (`undefined` removes it). */
export function submissionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    treatment: 'male-pattern-baldness',
    profile: { norwood: 5, fitzpatrick: 'III' },
    sessions: [...defaultSessions],
    notes: 'Two sessions, 3-point needle.',
    consent: { recordedAt: '2025-01-10', faceVisible: false, attested: true },
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

let nextPhoto = 0;

/** Evidence of a camera original (an EXIF date, no sign of editing). */
export function cameraOriginal(): FlagPhoto['evidence'] {
  return { level: 'camera-original', reasons: ["The camera's own metadata dates it, and nothing in the file shows an edit."], credentials: 'none' };
}

/** A photo of the submission under check: a camera-original healed hairline photo, 90 days on, 3000 px. */
export function flagPhoto(overrides: Partial<FlagPhoto> = {}): FlagPhoto {
  const day = overrides.capturedAt ?? afterLast(90);
  return {
    id: `photo-${++nextPhoto}`,
    view: 'hairline',
    capturedAt: day,
    dateFrom: 'exif',
    evidence: cameraOriginal(),
    exifCapturedDay: day,
    declaredCapturedAt: null,
    claimedStage: null,
    originalShortSide: 3000,
    uploadedAt: '2025-06-01T12:00:00.000Z',
    copies: [],
    ...overrides,
  };
}

/** A photo only declared (no EXIF date in the file). */
export function declaredPhoto(day: string, overrides: Partial<FlagPhoto> = {}): FlagPhoto {
  return flagPhoto({
    capturedAt: day, dateFrom: 'declared', exifCapturedDay: null, declaredCapturedAt: day,
    evidence: { level: 'declared', reasons: ['The file carries no usable capture date.'], credentials: 'none' }, ...overrides,
  });
}

/** A copy found in another submission (by default another practitioner's, pending). */
export function submittedCopy(overrides: Partial<Extract<CopyOwner, { kind: 'submission' }>> = {}, distance = 2): CopyOf {
  return {
    distance,
    owner: { kind: 'submission', practitionerSlug: 'ben-carter', submissionId: 'OtherSubmission00000001', photoId: `other-${++nextPhoto}`, status: 'pending', view: 'top', stage: 'healed', capturedAt: '2024-11-02', ...overrides },
  };
}

/** A copy found among published photos (by default in another practitioner's case). */
export function publishedCopy(overrides: Partial<Extract<CopyOwner, { kind: 'published' }>> = {}, distance = 2): CopyOf {
  return { distance, owner: { kind: 'published', practitionerSlug: 'ben-carter', caseId: 'ben-carter-mpb-1', file: '03-healed-top.jpg', ...overrides } };
}

/** What `computeFlags` reads: by default a clean case (consent, a camera-original healed photo, no copies). */
export function flagInput(overrides: { submission?: Partial<FlagInput['submission']>; photos?: FlagPhoto[]; now?: Date } = {}): FlagInput {
  return {
    submission: {
      id: 'ThisSubmission00000001',
      practitionerSlug: 'ana-ribeiro',
      sessions: [...defaultSessions],
      consent: { recordedAt: '2025-01-10', expiresAt: '2030-01-01', attested: true },
      ...overrides.submission,
    },
    photos: overrides.photos ?? [flagPhoto({ capturedAt: '2025-01-05', view: 'top' }), flagPhoto()],
    now: overrides.now ?? testNow,
  };
}

let nextRecord = 0;

/** A stored submission photo (a row of submission_photos): declared, healed, 1600 × 1200, by default. */
export function photoRecord(overrides: Partial<SubmissionPhotoRecord> = {}): SubmissionPhotoRecord {
  const n = ++nextRecord;
  return {
    id: `photo-${String(n).padStart(16, '0')}`, submissionId: 'x', view: 'hairline', claimedStage: null, originalKey: `k${n}`, originalSha256: 'a'.repeat(64),
    masterSha256: String(n % 10).repeat(64), width: 1600, height: 1200, originalShortSide: 1200, phash: '0'.repeat(16), exifCapturedAt: null, exifCapturedDay: null,
    declaredCapturedAt: afterLast(120), capturedAt: afterLast(120), dateSource: 'declared', dateFrom: 'declared',
    evidence: { level: 'declared', reasons: ['The file carries no usable capture date.'], credentials: 'none' }, fingerprint: null,
    stage: 'healed', uploadedAt: `2025-06-01T00:00:0${n % 10}.000Z`, addedBy: 'practitioner', ...overrides,
  };
}
