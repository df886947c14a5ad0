import type { Stage, View } from '../content/vocabulary.ts';
import { hammingDistance } from '../images/phash.ts';
import { daysBetween, isHealedStage, isoDay, stageOf, stageThresholds } from '../trust/index.ts';
import { latestDayOnEarth } from './schema.ts';

/**
 * The automatic checks run at submit. Pure: plain data in, flags out. A flag does not block a
 * submission; it tells the moderator where to look, in words they can act on.
 */

/** Every kind of flag. */
export const flagCodes = [
  'healed-too-early',
  'date-mismatch',
  'no-verified-healed-photo',
  'consent-missing',
  'consent-expired',
  'low-resolution',
  'possible-stolen-photo',
  'duplicate-of-own-case',
  'captured-after-upload',
] as const;
export type FlagCode = (typeof flagCodes)[number];

/** One finding: what, in words, and which photo (absent for the whole case). */
export interface SubmissionFlag {
  code: FlagCode;
  message: string;
  photoId?: string;
  /**
   * The other submission a near-duplicate was found in: for the moderator only (the API never
   * shows it to practitioners, so nobody learns of another practitioner's unpublished case).
   */
  relatedSubmissionId?: string;
}

/** Thresholds of the checks, with why. */
export const flagThresholds = {
  /** Healed means at least 56 days after the last session (see stageThresholds). */
  healedDays: stageThresholds.healed,
  /** A declared day and the camera's day may differ by time zones and memory; more is suspect. */
  dateMismatchDays: 2,
  /** Below this short side (px), pigment dots cannot be judged at gallery sizes. */
  minShortSide: 1200,
  /** Perceptual hashes this close (bits of 64) are the same photo, re-encoded, resized or lightly edited. */
  nearDuplicateBits: 8,
} as const;

/** What the checks read of a photo of the submission. */
export interface FlagPhoto {
  id: string;
  view: View;
  /** Effective capture day `YYYY-MM-DD`. */
  capturedAt: string;
  dateSource: 'exif' | 'declared';
  /** Camera-clock day from EXIF, when the file had one. */
  exifCapturedDay?: string | null;
  /** The day the practitioner declared, when they did. */
  declaredCapturedAt?: string | null;
  claimedStage?: Stage | null;
  originalShortSide: number;
  phash: string;
  /** ISO 8601 instant of the upload. */
  uploadedAt: string;
}

/** A photo of another submission, to compare hashes with. */
export interface OtherPhoto {
  photoId: string;
  submissionId: string;
  practitionerSlug: string;
  status: string;
  phash: string;
}

/** Everything the checks need. */
export interface FlagInput {
  submission: {
    practitionerSlug: string;
    /** Session days `YYYY-MM-DD`. */
    sessions: readonly string[];
    consent: { recordedAt: string; expiresAt?: string; attested?: boolean } | null | undefined;
  };
  photos: readonly FlagPhoto[];
  /** Photos of other submissions (any practitioner, this one's included). */
  others: readonly OtherPhoto[];
  now: Date;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Runs every check; flags come case-level first, then per photo in upload order. */
export function computeFlags(input: FlagInput): SubmissionFlag[] {
  return [...consentFlags(input), ...healedFlags(input), ...input.photos.flatMap((photo) => photoFlags(photo, input))];
}

function consentFlags({ submission: { consent }, now }: FlagInput): SubmissionFlag[] {
  if (!consent || consent.attested !== true) {
    return [{ code: 'consent-missing', message: 'No client consent is recorded: the case cannot be published without the client\'s signed permission.' }];
  }
  if (consent.expiresAt && daysBetween(now, asDate(consent.expiresAt)) < 0) {
    return [{ code: 'consent-expired', message: `The client's consent expired on ${consent.expiresAt}: it must be renewed before the case can be published.` }];
  }
  return [];
}

/** No photo proves a healed result: none has a camera date 56+ days after the last session. */
function healedFlags({ submission, photos }: FlagInput): SubmissionFlag[] {
  const sessions = submission.sessions.map(asDate);
  const stageOfDay = (day: string) => stageOf(asDate(day), sessions);
  if (photos.some((p) => p.dateSource === 'exif' && isHealedStage(stageOfDay(p.capturedAt)))) return [];
  const last = submission.sessions.at(-1);
  const declaredHealed = photos.filter((p) => p.dateSource === 'declared' && isHealedStage(stageOfDay(p.capturedAt))).length;
  const message = declaredHealed > 0
    ? `No verified healed photo: ${declaredHealed} photo${declaredHealed === 1 ? ' is' : 's are'} dated ${flagThresholds.healedDays}+ days after the last session (${last}) only by a declared date; the files carry no camera date to check it against.`
    : `No verified healed photo: no photo was taken ${flagThresholds.healedDays} or more days after the last session (${last}), so the case shows no healed result yet.`;
  return [{ code: 'no-verified-healed-photo', message }];
}

function photoFlags(photo: FlagPhoto, { submission, others }: FlagInput): SubmissionFlag[] {
  const flags: SubmissionFlag[] = [];
  const add = (code: FlagCode, message: string, relatedSubmissionId?: string) =>
    flags.push({ code, message, photoId: photo.id, ...(relatedSubmissionId ? { relatedSubmissionId } : {}) });
  const sessions = submission.sessions.map(asDate);
  const last = submission.sessions.at(-1)!;
  const name = `The ${photo.view} photo dated ${photo.capturedAt}`;

  // "Healed" is claimed by the stage the practitioner chose, or by the day they declared.
  const declaredStage = photo.declaredCapturedAt ? stageOf(asDate(photo.declaredCapturedAt), sessions) : undefined;
  const claim = photo.claimedStage && isHealedStage(photo.claimedStage) ? `is presented as ${photo.claimedStage}`
    : declaredStage && isHealedStage(declaredStage) ? `is declared as taken on ${photo.declaredCapturedAt} (${declaredStage})` : undefined;
  if (claim && photo.dateSource === 'exif' && photo.exifCapturedDay) {
    const days = daysBetween(asDate(last), asDate(photo.exifCapturedDay));
    if (days < flagThresholds.healedDays) {
      const when = days < 0 ? `${-days} days before the last session (${last})` : `only ${days} days after the last session (${last})`;
      add('healed-too-early', `The ${photo.view} photo ${claim}, but its camera date ${photo.exifCapturedDay} is ${when}; a healed result needs at least ${flagThresholds.healedDays} days.`);
    }
  }

  if (photo.declaredCapturedAt && photo.exifCapturedDay) {
    const apart = Math.abs(daysBetween(asDate(photo.declaredCapturedAt), asDate(photo.exifCapturedDay)));
    if (apart > flagThresholds.dateMismatchDays) {
      add('date-mismatch', `The ${photo.view} photo was declared as taken on ${photo.declaredCapturedAt}, but its camera date is ${photo.exifCapturedDay} (${apart} days apart); ask which is right.`);
    }
  }

  if (photo.originalShortSide < flagThresholds.minShortSide) {
    add('low-resolution', `${name} is low resolution (${photo.originalShortSide} px on its short side, under ${flagThresholds.minShortSide} px): pigment detail may not be judgeable; ask for the original file.`);
  }

  const nearest = nearestOther(photo, submission.practitionerSlug, others);
  if (nearest.foreign) {
    const { other, distance } = nearest.foreign;
    add('possible-stolen-photo', `${name} is nearly identical (${distance} of 64 hash bits differ) to a photo in another practitioner's case: it may have been taken from their work; compare the two cases and ask for the original files.`, other.submissionId);
  }
  if (nearest.own) {
    const { other, distance } = nearest.own;
    add('duplicate-of-own-case', `${name} is nearly identical (${distance} of 64 hash bits differ) to a photo in another of this practitioner's cases (submission ${other.submissionId}, ${other.status}): one photo must not illustrate two clients.`, other.submissionId);
  }

  // No time zone has a later calendar day than UTC+14: a capture day past it came after the upload.
  if (photo.capturedAt > latestDayOnEarth(new Date(photo.uploadedAt))) {
    add('captured-after-upload', `${name} (${photo.dateSource === 'exif' ? 'camera date' : 'declared date'}) is after it was uploaded on ${isoDay(new Date(photo.uploadedAt))}: the camera clock or the declared date is wrong.`);
  }
  return flags;
}

type Match = { other: OtherPhoto; distance: number };

/** The closest near-duplicate in another practitioner's submissions, and in this practitioner's others. */
function nearestOther(photo: FlagPhoto, practitionerSlug: string, others: readonly OtherPhoto[]): { foreign?: Match; own?: Match } {
  const found: { foreign?: Match; own?: Match } = {};
  for (const other of others) {
    const distance = hammingDistance(photo.phash, other.phash);
    if (distance > flagThresholds.nearDuplicateBits) continue;
    // Same portfolio = the same practitioner (a clinic's accounts share it).
    const kind = other.practitionerSlug === practitionerSlug ? 'own' : 'foreign';
    if (!found[kind] || distance < found[kind]!.distance) found[kind] = { other, distance };
  }
  return found;
}
