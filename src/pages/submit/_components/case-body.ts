/**
 * The details and consent forms checked before they are sent, and the request bodies built from
 * them (`POST /api/submissions`, `PATCH /api/submissions/:id`). The server checks everything again; these checks only
 * spare a round trip and put the message next to the field at once.
 */
import type { Treatment } from '../../../lib/content/vocabulary.ts';
import type { ConsentForm, DetailsForm } from './types.ts';

/** SMP takes 2–4 sessions; six leaves room for touch-ups (the API's limit too). */
export const maxSessions = 6;

/** The API's limit on notes, in characters. */
export const maxNotes = 4000;

/** Field path → message, keyed like the API names fields (`profile.norwood`, `sessions.1`). */
export type FieldErrors = Record<string, string>;

/** Which profile scales a treatment asks for (Fitzpatrick is asked always). */
export function profileFields(treatment: Treatment | ''): { norwood: boolean; ludwig: boolean; scarType: boolean } {
  return {
    norwood: treatment === 'male-pattern-baldness' || treatment === 'post-transplant-density',
    ludwig: treatment === 'female-hair-loss',
    scarType: treatment === 'scar-correction',
  };
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with the details form; empty when it may be sent. `today` is `YYYY-MM-DD`. */
export function detailsErrors(details: DetailsForm, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!details.treatment) errors.treatment = 'Choose the treatment.';
  if (!details.fitzpatrick) errors['profile.fitzpatrick'] = 'Choose the client’s skin type.';
  if (profileFields(details.treatment).scarType && !details.scarType) errors['profile.scarType'] = 'Choose the kind of scar.';
  if (details.sessions.length === 0) errors.sessions = 'Add at least one session date.';
  const seen = new Set<string>();
  details.sessions.forEach((day, i) => {
    const path = `sessions.${i}`;
    if (!isoDay.test(day)) errors[path] = 'Enter the date of this session.';
    else if (day > today) errors[path] = 'This date is in the future: list sessions that have happened.';
    else if (seen.has(day)) errors[path] = 'This date is already listed.';
    seen.add(day);
  });
  return errors;
}

/** Problems with the consent form; empty when it may be sent. */
export function consentErrors(consent: ConsentForm, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!isoDay.test(consent.recordedAt)) errors['consent.recordedAt'] = 'Enter the day the client signed the consent.';
  else if (consent.recordedAt > today) errors['consent.recordedAt'] = 'This date is in the future: enter the day the client signed.';
  if (!consent.faceVisible) errors['consent.faceVisible'] = 'Say whether the client’s face may be shown.';
  if (consent.expiresAt && !isoDay.test(consent.expiresAt)) errors['consent.expiresAt'] = 'Enter a full date, or leave it empty.';
  else if (consent.expiresAt && consent.expiresAt <= today) errors['consent.expiresAt'] = 'This consent has already expired: renew it with the client first.';
  else if (consent.expiresAt && consent.expiresAt <= consent.recordedAt) errors['consent.expiresAt'] = 'The consent must end after the day it was signed.';
  if (!consent.attested) errors['consent.attested'] = 'Confirm that the client signed this consent.';
  return errors;
}

/**
 * The details part of `POST /api/submissions` (and of `PATCH` once the draft exists): only the
 * profile scales the treatment asks for are sent; empty notes are sent as '' on PATCH to clear them.
 */
export function detailsBody(details: DetailsForm, forPatch = false) {
  const wanted = profileFields(details.treatment);
  const profile: { norwood?: number; ludwig?: string; fitzpatrick?: string; scarType?: string } = {};
  if (wanted.norwood && details.norwood) profile.norwood = Number(details.norwood);
  if (wanted.ludwig && details.ludwig) profile.ludwig = details.ludwig;
  if (details.fitzpatrick) profile.fitzpatrick = details.fitzpatrick;
  if (wanted.scarType && details.scarType) profile.scarType = details.scarType;
  const notes = details.notes.trim();
  return {
    treatment: details.treatment,
    profile,
    // The API wants sessions oldest first; the form sorts them before this is called.
    sessions: details.sessions,
    ...((notes || forPatch) && { notes }),
  };
}

/** The consent part of the body: `{ consent: {recordedAt, faceVisible, expiresAt?, attested} }`. */
export function consentBody(consent: ConsentForm) {
  return {
    consent: {
      recordedAt: consent.recordedAt,
      faceVisible: consent.faceVisible === 'yes',
      ...(consent.expiresAt && { expiresAt: consent.expiresAt }),
      attested: consent.attested,
    },
  };
}

/** Session days oldest first, as the API requires (blank entries last, for the checks to name). */
export function sortedDays(days: readonly string[]): string[] {
  return [...days].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}

/**
 * The field an API error names, as this form keys it: `error.field` when given, else a leading
 * `path: ` in the message (the accounts API's style). `sessions[1]` becomes `sessions.1`.
 */
export function errorField(error: { field?: unknown; message?: unknown }): string | undefined {
  const raw = typeof error.field === 'string' ? error.field : typeof error.message === 'string' ? /^([A-Za-z][\w.[\]]*):\s/.exec(error.message)?.[1] : undefined;
  return raw?.replace(/\[(\d+)\]/g, '.$1');
}

/** The step a field lives on: consent fields on the consent step, photos on photos, the rest on details. */
export function stepOfField(field: string): 'details' | 'photos' | 'consent' {
  if (field === 'photos' || field.startsWith('photos.')) return 'photos';
  return field === 'consent' || field.startsWith('consent.') ? 'consent' : 'details';
}

/** An API message shown beside its field: without the `field: ` the API puts first, capitalised. */
export function messageForField(message: string): string {
  const bare = message.replace(/^[A-Za-z][\w.[\]]*:\s*/, '').replace(/\s*\(and \d+ more problems?\)\.$/, '.');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** DOM id of a field's input, from its path (`profile.norwood` → `field-profile-norwood`). */
export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

/** DOM id of a field's error message. */
export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/** True when the forms show an input for `path`, so an error can sit next to it. */
export function isFormField(path: string, details: DetailsForm): boolean {
  const shown = profileFields(details.treatment);
  const session = /^sessions\.(\d+)$/.exec(path);
  if (session) return Number(session[1]) < details.sessions.length;
  if (path === 'profile.norwood') return shown.norwood;
  if (path === 'profile.ludwig') return shown.ludwig;
  if (path === 'profile.scarType') return shown.scarType;
  return ['treatment', 'notes', 'sessions', 'profile.fitzpatrick', 'consent.recordedAt', 'consent.faceVisible', 'consent.expiresAt', 'consent.attested'].includes(path);
}
