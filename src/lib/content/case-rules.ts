import { daysBetween, isoDay, isHealedStage, sortedSessions, stageOf } from '../trust/index.ts';
import type { ContentProblem } from './problems.ts';
import type { CaseData } from './schema.ts';

/** What the rules need to know about the world outside the file. */
export interface CaseRuleContext {
  /** The file being checked, for messages. */
  file: string;
  /** Today, so tests can pin it. */
  today: Date;
  /** Whether a photo file (a plain name inside the case folder) exists. */
  photoExists: (name: string) => boolean;
}

/** Photo files are plain names in the case folder: no folders, no `..`, no hidden files. */
const photoFileName = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(jpe?g|png|webp|avif)$/;

/** Cross-field rules that a schema cannot express. Pure apart from `photoExists`. */
export function caseRuleProblems(data: CaseData, ctx: CaseRuleContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (field: string, message: string, fix: string) => problems.push({ file: ctx.file, field, message, fix });
  const future = (date: Date) => daysBetween(ctx.today, date) > 0;
  const sessions = sortedSessions(data.sessions);
  const last = sessions.at(-1)!;
  const touchUps = data.touchUps ?? [];

  data.sessions.forEach((s, i) => {
    if (future(s)) add(`sessions[${i}]`, `is in the future (${isoDay(s)})`, 'publish only sessions that have happened');
  });
  touchUps.forEach((t, i) => {
    if (future(t)) add(`touchUps[${i}]`, `is in the future (${isoDay(t)})`, 'list only touch-ups that have happened');
    else if (daysBetween(last, t) <= 0) add(`touchUps[${i}]`, `is not after the last session (${isoDay(last)})`, 'list sessions of the treatment under sessions; touch-ups come later');
    if (i > 0 && daysBetween(touchUps[i - 1]!, t) <= 0) add(`touchUps[${i}]`, `is not after ${isoDay(touchUps[i - 1]!)}`, 'list touch-ups oldest first, each day once');
  });
  if (data.clientConfirmation && future(data.clientConfirmation.confirmedAt)) {
    add('clientConfirmation.confirmedAt', `is in the future (${isoDay(data.clientConfirmation.confirmedAt)})`, 'write the day the client confirmed');
  }
  if (future(data.publishedAt)) add('publishedAt', `is in the future (${isoDay(data.publishedAt)})`, 'set it to the day the case went live');
  if (future(data.consent.recordedAt)) add('consent.recordedAt', `is in the future (${isoDay(data.consent.recordedAt)})`, 'write the day the client signed');
  if (data.consent.expiresAt && !future(data.consent.expiresAt) && daysBetween(ctx.today, data.consent.expiresAt) < 0) {
    add('consent.expiresAt', `consent expired on ${isoDay(data.consent.expiresAt)}`, 'renew the client\'s consent or remove the case folder');
  }
  if (data.treatment === 'scar-correction' && !data.profile.scarType) {
    add('profile.scarType', 'is missing for a scar correction', 'set scarType to fue, fut or injury');
  }

  const seen = new Set<string>();
  data.photos.forEach((photo, i) => {
    const field = `photos[${i}]`;
    if (!photoFileName.test(photo.file) || photo.file.includes('..')) {
      add(`${field}.file`, `"${photo.file}" escapes its case folder or is not a photo name`, 'use a plain file name inside the case folder, e.g. healed-hairline.jpg');
    } else if (!ctx.photoExists(photo.file)) {
      add(`${field}.file`, `photo file "${photo.file}" is missing`, 'add the file to the case folder or remove this photo entry');
    }
    if (seen.has(photo.file)) add(`${field}.file`, `"${photo.file}" is listed twice`, 'list each photo once');
    seen.add(photo.file);
    if (future(photo.capturedAt)) {
      add(`${field}.capturedAt`, `is in the future (${isoDay(photo.capturedAt)})`, 'use the day the photo was taken');
    }
    const claimed = photo.claimedStage;
    if (claimed && isHealedStage(claimed) && daysBetween(last, photo.capturedAt) < 0) {
      add(`${field}.capturedAt`, `healed photo dated ${isoDay(photo.capturedAt)}, before the session of ${isoDay(last)}`,
        'check the photo date and the session dates: a healed photo is taken at least 56 days after the last session');
    } else if (claimed && claimed !== stageOf(photo.capturedAt, sessions, touchUps)) {
      add(`${field}.claimedStage`, `says ${claimed} but the date makes it ${stageOf(photo.capturedAt, sessions, touchUps)}`,
        'remove claimedStage (the stage is computed from the dates) or correct the date');
    }
  });
  return problems;
}
