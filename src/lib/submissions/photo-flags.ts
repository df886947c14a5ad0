import { daysBetween, isHealedStage, isoDay, stageOf, touchUpBefore } from '../trust/index.ts';
import { flagThresholds } from './flag-thresholds.ts';
import type { FlagCode, FlagPhoto, SubmissionFlag } from './flags.ts';
import { latestDayOnEarth } from './schema.ts';

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const { healedDays, dateMismatchDays, minShortSide } = flagThresholds;
const dateWords = { signed: 'signed capture date', exif: 'camera date', declared: 'declared date' } as const;

/** The checks of one photo on its own: dates against the sessions, resolution, what the file proves. */
export function photoFlags(photo: FlagPhoto, sessionDays: readonly string[], touchUpDays: readonly string[] = []): SubmissionFlag[] {
  const flags: SubmissionFlag[] = [];
  const add = (code: FlagCode, message: string) => flags.push({ code, message, photoId: photo.id });
  const sessions = sessionDays.map(asDate);
  const touchUps = touchUpDays.map(asDate);
  const name = `The ${photo.view} photo dated ${photo.capturedAt}`;
  // The day the file itself gives, signed or from EXIF, whatever its level.
  const fileDay = photo.dateFrom === 'signed' ? photo.evidence.signedDay : photo.exifCapturedDay;
  const fileWords = photo.dateFrom === 'signed' ? 'signed capture date' : 'camera date';

  // "Healed" is claimed by the stage the practitioner chose, or by the day they declared.
  const declaredStage = photo.declaredCapturedAt ? stageOf(asDate(photo.declaredCapturedAt), sessions, touchUps) : undefined;
  const claim = photo.claimedStage && isHealedStage(photo.claimedStage) ? `is presented as ${photo.claimedStage}`
    : declaredStage && isHealedStage(declaredStage) ? `is declared as taken on ${photo.declaredCapturedAt} (${declaredStage})` : undefined;
  if (claim && fileDay) {
    // Counted from the last session, or from a touch-up before the file's day: it restarts healing.
    const last = isoDay(touchUpBefore(asDate(fileDay), sessions, touchUps) ?? asDate(sessionDays.at(-1)!));
    const days = daysBetween(asDate(last), asDate(fileDay));
    if (days < healedDays) {
      const when = days < 0 ? `${-days} days before the last session (${last})` : `only ${days} days after the last session (${last})`;
      add('healed-too-early', `The ${photo.view} photo ${claim}, but its ${fileWords} ${fileDay} is ${when}; a healed result needs at least ${healedDays} days.`);
    }
  }

  if (photo.declaredCapturedAt && fileDay) {
    const apart = Math.abs(daysBetween(asDate(photo.declaredCapturedAt), asDate(fileDay)));
    if (apart > dateMismatchDays) {
      add('date-mismatch', `The ${photo.view} photo was declared as taken on ${photo.declaredCapturedAt}, but its ${fileWords} is ${fileDay} (${apart} days apart); ask which is right.`);
    }
  }

  if (photo.originalShortSide < minShortSide) {
    add('low-resolution', `${name} is low resolution (${photo.originalShortSide} px on its short side, under ${minShortSide} px): pigment detail may not be judgeable; ask for the original file.`);
  }

  const evidence = photo.evidence;
  if (evidence.ai) {
    add('ai-generated', `${name} carries Content Credentials saying generative AI made or changed it: it cannot show a real result.`);
  } else if (evidence.level === 'edited') {
    add('edited', `${name} was edited${evidence.tool && !evidence.tool.startsWith('a ') ? ` in ${evidence.tool}` : ''}: ${evidence.reasons[0] ?? 'its file shows signs of editing.'} Ask for the unedited original; an edited photo earns no healed badge.`);
  }
  if (evidence.credentials === 'invalid') {
    add('signature-invalid', `${name} carries Content Credentials whose signature is invalid${evidence.signer ? ` (signed as ${evidence.signer})` : ''}: they may have been tampered with; ask for the original file.`);
  }

  // No time zone has a later calendar day than UTC+14: a capture day past it came after the upload.
  if (photo.capturedAt > latestDayOnEarth(new Date(photo.uploadedAt))) {
    add('captured-after-upload', `${name} (${dateWords[photo.dateFrom]}) is after it was uploaded on ${isoDay(new Date(photo.uploadedAt))}: the camera clock or the declared date is wrong.`);
  }
  return flags;
}
