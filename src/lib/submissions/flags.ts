import type { Stage, View } from '../content/vocabulary.ts';
import { isVerifiedLevel, type PhotoEvidence } from '../evidence/index.ts';
import { daysBetween, isHealedStage, stageOf } from '../trust/index.ts';
import { flagThresholds } from './flag-thresholds.ts';
import { copyFlags, type CopyOf } from './copy-flags.ts';
import { photoFlags } from './photo-flags.ts';

export type { CopyOf, CopyOwner } from './copy-flags.ts';

/**
 * The automatic checks run at submit. Pure: plain data in, flags out. A flag does not block a
 * submission; it tells the moderator where to look, in words they can act on, and approving a
 * flagged case needs a written override.
 */

/** Every kind of flag. */
export const flagCodes = [
  'healed-too-early',
  'date-mismatch',
  'no-verified-healed-photo',
  'consent-missing',
  'consent-expired',
  'low-resolution',
  'edited',
  'ai-generated',
  'signature-invalid',
  'possible-stolen-photo',
  'duplicate-of-own-case',
  'reused-across-stages',
  'captured-after-upload',
  'repeats-case-photo',
  'client-declined',
] as const;
export type FlagCode = (typeof flagCodes)[number];

/** One finding: what, in words, and which photo (absent for the whole case). */
export interface SubmissionFlag {
  code: FlagCode;
  message: string;
  photoId?: string;
  /**
   * The other submission a copy was found in: for the moderator only (the API never shows it to
   * practitioners, so nobody learns of another practitioner's unpublished case).
   */
  relatedSubmissionId?: string;
}

export { flagThresholds } from './flag-thresholds.ts';

/** What the checks read of a photo of the submission. */
export interface FlagPhoto {
  id: string;
  view: View;
  /** Effective capture day `YYYY-MM-DD`. */
  capturedAt: string;
  /** Where `capturedAt` came from. */
  dateFrom: 'signed' | 'exif' | 'declared';
  /** What the original proves (level, reasons, tool, AI, credentials, signed day). */
  evidence: Pick<PhotoEvidence, 'level' | 'reasons' | 'tool' | 'ai' | 'credentials' | 'signer' | 'signedDay'>;
  /** Camera-clock day from EXIF, when the file had one. */
  exifCapturedDay?: string | null;
  /** The day the practitioner declared, when they did. */
  declaredCapturedAt?: string | null;
  claimedStage?: Stage | null;
  originalShortSide: number;
  /** ISO 8601 instant of the upload. */
  uploadedAt: string;
  /** Photos in the shared index this one is a copy of (or that are copies of it), nearest first. */
  copies?: readonly CopyOf[];
}

/** Everything the checks need. */
export interface FlagInput {
  submission: {
    /** The submission's id (copies inside it are compared across stages). */
    id?: string;
    practitionerSlug: string;
    /** Session days `YYYY-MM-DD`. */
    sessions: readonly string[];
    /** Touch-up days of the case (a follow-up's own included); photos after one count from it. */
    touchUps?: readonly string[];
    consent: { recordedAt: string; expiresAt?: string; attested?: boolean } | null | undefined;
    /** `follow-up`: adds photos to the live case `caseId`, which already shows its healed result. */
    kind?: 'case' | 'follow-up';
    caseId?: string | null;
    /** What the client last said through their link, if they answered. */
    clientAnswer?: { decision: 'confirm' | 'decline' | 'withdraw'; message: string; answeredAt: string } | null;
  };
  photos: readonly FlagPhoto[];
  now: Date;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Runs every check; flags come case-level first, then per photo in upload order. */
export function computeFlags(input: FlagInput): SubmissionFlag[] {
  const sessions = input.submission.sessions.map(asDate);
  const touchUps = (input.submission.touchUps ?? []).map(asDate);
  const stageOfPhoto = (photo: FlagPhoto) => stageOf(asDate(photo.capturedAt), sessions, touchUps);
  // A follow-up adds to a case that already shows its result: its photos need not be healed ones.
  const isFollowUp = input.submission.kind === 'follow-up';
  return [
    ...clientFlags(input),
    ...consentFlags(input),
    ...(isFollowUp ? [] : healedFlags(input)),
    ...input.photos.flatMap((photo) => [...photoFlags(photo, input.submission.sessions, input.submission.touchUps), ...copyFlags(photo, input, stageOfPhoto)]),
  ];
}

/** The client, through their link, said the case or its dates are not theirs. */
export function clientFlags({ submission: { clientAnswer } }: Pick<FlagInput, 'submission'>): SubmissionFlag[] {
  if (clientAnswer?.decision !== 'decline') return [];
  const said = clientAnswer.message.trim() ? ` Their message: “${clientAnswer.message.trim()}”` : ' They left no message.';
  return [{ code: 'client-declined', message: `The client declined through their link on ${clientAnswer.answeredAt.slice(0, 10)}: they say this case or its dates are not theirs, or they do not consent.${said}` }];
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

/** No photo proves a healed result: none is signed at capture or a camera original 56+ days after the last session. */
function healedFlags({ submission, photos }: FlagInput): SubmissionFlag[] {
  const sessions = submission.sessions.map(asDate);
  const touchUps = (submission.touchUps ?? []).map(asDate);
  const healed = (p: FlagPhoto) => isHealedStage(stageOf(asDate(p.capturedAt), sessions, touchUps));
  if (photos.some((p) => isVerifiedLevel(p.evidence.level) && healed(p))) return [];
  const last = submission.sessions.at(-1);
  const unverified = photos.filter((p) => !isVerifiedLevel(p.evidence.level) && healed(p));
  const edited = unverified.filter((p) => p.evidence.level === 'edited').length;
  const declared = unverified.length - edited;
  const why = [declared ? `${declared} only by a declared date (no camera date in the file to check it against)` : '', edited ? `${edited} edited` : ''].filter(Boolean).join(' and ');
  const message = unverified.length > 0
    ? `No verified healed photo: ${unverified.length} photo${unverified.length === 1 ? ' is' : 's are'} dated ${flagThresholds.healedDays}+ days after the last session (${last}), ${why}.`
    : `No verified healed photo: no photo was taken ${flagThresholds.healedDays} or more days after the last session (${last}), so the case shows no healed result yet.`;
  return [{ code: 'no-verified-healed-photo', message }];
}
