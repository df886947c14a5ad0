/**
 * Builders for the submission flow: request bodies of `POST /api/submissions`, and the plain data
 * the automatic checks read (photos, other submissions' photos). Every builder gives a valid,
 * flag-free value by default; tests override only what they are about.
 */
import type { FlagInput, FlagPhoto, OtherPhoto } from '../../src/lib/submissions/flags.ts';
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

/** A perceptual hash: `base` with its lowest `flipped` bits inverted (Hamming distance = flipped). */
export function phash(flipped = 0, base = 'a5a5a5a5a5a5a5a5'): string {
  let value = BigInt(`0x${base}`) ^ ((1n << BigInt(flipped)) - 1n);
  value &= (1n << 64n) - 1n;
  return value.toString(16).padStart(16, '0');
}

let nextPhoto = 0;

/** A photo of the submission under check: a verified healed hairline photo, 90 days on, 3000 px. */
export function flagPhoto(overrides: Partial<FlagPhoto> = {}): FlagPhoto {
  const day = overrides.capturedAt ?? afterLast(90);
  return {
    id: `photo-${++nextPhoto}`,
    view: 'hairline',
    capturedAt: day,
    dateSource: 'exif',
    exifCapturedDay: day,
    declaredCapturedAt: null,
    claimedStage: null,
    originalShortSide: 3000,
    phash: phash(0),
    uploadedAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

/** A photo only declared (no EXIF date in the file). */
export function declaredPhoto(day: string, overrides: Partial<FlagPhoto> = {}): FlagPhoto {
  return flagPhoto({ capturedAt: day, dateSource: 'declared', exifCapturedDay: null, declaredCapturedAt: day, ...overrides });
}

/** A photo of another submission. */
export function otherPhoto(overrides: Partial<OtherPhoto> = {}): OtherPhoto {
  return { photoId: `other-${++nextPhoto}`, submissionId: 'OtherSubmission00000001', practitionerSlug: 'ben-carter', status: 'pending', phash: phash(32), ...overrides };
}

/** What `computeFlags` reads: by default a clean case (consent, a verified healed photo, nothing similar elsewhere). */
export function flagInput(overrides: { submission?: Partial<FlagInput['submission']>; photos?: FlagPhoto[]; others?: OtherPhoto[]; now?: Date } = {}): FlagInput {
  return {
    submission: {
      practitionerSlug: 'ana-ribeiro',
      sessions: [...defaultSessions],
      consent: { recordedAt: '2025-01-10', expiresAt: '2030-01-01', attested: true },
      ...overrides.submission,
    },
    photos: overrides.photos ?? [flagPhoto({ capturedAt: '2025-01-05', view: 'top', phash: phash(20) }), flagPhoto()],
    others: overrides.others ?? [otherPhoto()],
    now: overrides.now ?? testNow,
  };
}
