/**
 * The /submit island's state and every change to it, as one pure reducer: the island only
 * dispatches (after user input or an API answer), so each rule here is tested without a browser.
 * Announcements for the live region are set here too, next to the change they describe.
 */
import type { Stage, View } from '../../../lib/content/vocabulary.ts';
import { stageLabel } from '../../../lib/trust/badge.ts';
import { errorField, isFormField, maxSessions, messageForField, sortedDays, stepOfField, type FieldErrors } from './case-body.ts';
import { followUpSteps, steps, type ApiError, type ConsentForm, type DetailsForm, type Draft, type Flag, type FollowUpOf, type PhotoItem, type Step, type UploadedPhoto } from './types.ts';

export interface SubmitState {
  step: Step;
  /** Id of the draft once created (also in the URL as `?id=`). */
  draftId: string | null;
  /** The case's status once created: `draft`, then `pending` after submit. */
  status: string | null;
  /** Whether the draft has a recorded consent (the API requires one to submit). */
  hasConsent: boolean;
  /** True while a draft named in the URL is being fetched. */
  loading: boolean;
  details: DetailsForm;
  consent: ConsentForm;
  photos: PhotoItem[];
  /** Messages next to fields, keyed by field path. */
  fieldErrors: FieldErrors;
  /** A message for the whole step (network down, a refusal naming no field). */
  formError: string | null;
  /** A create or submit request is in flight. */
  busy: boolean;
  /** Findings of the automatic checks, after submit. */
  flags: Flag[];
  /** What the live region says. */
  announcement: string;
  /** Set when the draft is a follow-up of a live case (its steps are photos and review). */
  followUp: FollowUpOf | null;
}

export type SubmitAction =
  | { type: 'go'; step: Step }
  | { type: 'edit-details'; field: Exclude<keyof DetailsForm, 'sessions'>; value: string }
  | { type: 'edit-session'; index: number; value: string }
  | { type: 'add-session' }
  | { type: 'remove-session'; index: number }
  | { type: 'sort-sessions' }
  | { type: 'edit-consent'; field: 'recordedAt' | 'expiresAt' | 'faceVisible'; value: string }
  | { type: 'attest'; value: boolean }
  | { type: 'invalid'; errors: FieldErrors }
  | { type: 'busy' }
  | { type: 'refused'; error: ApiError }
  | { type: 'draft-created'; id: string }
  | { type: 'saved'; step: Step; consent?: boolean }
  | { type: 'draft-loaded'; draft: Draft; step?: Step | null }
  | { type: 'photos-refreshed'; photos: Draft['photos'] }
  | { type: 'load-failed'; message: string }
  | { type: 'files-added'; files: Array<{ key: string; name: string; size: number }>; view: View }
  | { type: 'photo-view'; key: string; view: View }
  | { type: 'photo-claim'; key: string; stage: Stage | '' }
  | { type: 'photo-date'; key: string; value: string }
  | { type: 'upload-started'; key: string; total: number }
  | { type: 'upload-progress'; key: string; loaded: number; total: number }
  | { type: 'upload-sent'; key: string }
  | { type: 'upload-done'; key: string; photo: UploadedPhoto }
  | { type: 'upload-needs-date'; key: string; message: string }
  | { type: 'upload-failed'; key: string; error: NonNullable<PhotoItem['error']> }
  | { type: 'photo-deleting'; key: string }
  | { type: 'delete-failed'; key: string; message: string }
  | { type: 'photo-removed'; key: string }
  | { type: 'submitted'; status: string; flags: Flag[] };

/** A fresh form: one empty session, nothing chosen. */
export function initialState(draftId: string | null = null): SubmitState {
  return {
    step: 'details',
    draftId,
    status: null,
    hasConsent: false,
    loading: draftId !== null,
    details: { treatment: '', norwood: '', ludwig: '', fitzpatrick: '', scarType: '', sessions: [''], notes: '' },
    consent: { recordedAt: '', faceVisible: '', expiresAt: '', attested: false },
    photos: [],
    fieldErrors: {},
    formError: null,
    busy: false,
    flags: [],
    announcement: '',
    followUp: null,
  };
}

/** The steps of this draft: a follow-up has only photos and review. */
export function stepsOf(state: Pick<SubmitState, 'followUp'>): readonly Step[] {
  return state.followUp ? followUpSteps : steps;
}

/** Errors stay until their field is edited: editing `path` clears its message only. */
function without(errors: FieldErrors, path: string): FieldErrors {
  if (!(path in errors)) return errors;
  const { [path]: _, ...rest } = errors;
  return rest;
}

function updatePhoto(state: SubmitState, key: string, change: Partial<PhotoItem>, announcement = state.announcement): SubmitState {
  return { ...state, announcement, photos: state.photos.map((p) => (p.key === key ? { ...p, ...change } : p)) };
}

function nameOf(state: SubmitState, key: string): string {
  return state.photos.find((p) => p.key === key)?.name ?? 'The photo';
}

export function submitReducer(state: SubmitState, action: SubmitAction): SubmitState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step, formError: null };
    case 'edit-details':
      return { ...state, details: { ...state.details, [action.field]: action.value }, fieldErrors: without(state.fieldErrors, action.field === 'treatment' || action.field === 'notes' ? action.field : `profile.${action.field}`) };
    case 'edit-session': {
      const sessions = state.details.sessions.map((day, i) => (i === action.index ? action.value : day));
      return { ...state, details: { ...state.details, sessions }, fieldErrors: without(without(state.fieldErrors, `sessions.${action.index}`), 'sessions') };
    }
    case 'add-session':
      if (state.details.sessions.length >= maxSessions) return state;
      return { ...state, details: { ...state.details, sessions: [...state.details.sessions, ''] }, announcement: `Session ${state.details.sessions.length + 1} added.` };
    case 'remove-session': {
      if (state.details.sessions.length <= 1) return state;
      const sessions = state.details.sessions.filter((_, i) => i !== action.index);
      // Session errors are keyed by position, which just shifted: they are recomputed on continue.
      const fieldErrors = Object.fromEntries(Object.entries(state.fieldErrors).filter(([path]) => !path.startsWith('sessions')));
      return { ...state, details: { ...state.details, sessions }, fieldErrors, announcement: `Session ${action.index + 1} removed.` };
    }
    case 'sort-sessions':
      return { ...state, details: { ...state.details, sessions: sortedDays(state.details.sessions) } };
    case 'edit-consent':
      return { ...state, consent: { ...state.consent, [action.field]: action.value }, fieldErrors: without(state.fieldErrors, `consent.${action.field}`) };
    case 'attest':
      return { ...state, consent: { ...state.consent, attested: action.value }, fieldErrors: without(state.fieldErrors, 'consent.attested') };
    case 'invalid': {
      const count = Object.keys(action.errors).length;
      return { ...state, fieldErrors: action.errors, formError: null, announcement: `${count} ${count === 1 ? 'field needs' : 'fields need'} attention.` };
    }
    case 'busy':
      return { ...state, busy: true, formError: null };
    case 'refused': {
      // Problems naming a field shown in the forms go next to it, on its step; the rest is for the step.
      const problems = action.error.problems ?? [{ field: errorField(action.error) ?? '', message: action.error.message }];
      const placed: FieldErrors = {};
      for (const problem of problems) {
        const field = errorField(problem);
        if (field && isFormField(field, state.details) && !(field in placed)) placed[field] = messageForField(problem.message);
      }
      const base = { ...state, busy: false, announcement: action.error.message };
      const first = Object.keys(placed)[0];
      if (first) return { ...base, step: stepOfField(first), fieldErrors: { ...state.fieldErrors, ...placed }, formError: null };
      // `photos` or `consent` missing at submit: show the step that gives them.
      const whole = errorField(action.error);
      const step = whole === 'photos' || whole === 'consent' ? stepOfField(whole) : state.step;
      return { ...base, step, formError: action.error.message };
    }
    case 'draft-created':
      return { ...state, busy: false, draftId: action.id, status: 'draft', step: 'photos', fieldErrors: {}, formError: null, announcement: 'Draft saved. Add the photos next.' };
    case 'saved':
      return { ...state, busy: false, step: action.step, hasConsent: state.hasConsent || action.consent === true, fieldErrors: {}, formError: null, announcement: 'Draft saved.' };
    case 'draft-loaded': {
      const { draft } = action;
      const photos: PhotoItem[] = draft.photos.map((photo) => ({
        key: `saved-${photo.id}`, name: photo.name ?? `${photo.view} photo of ${photo.capturedAt.slice(0, 10)}`, size: 0, view: photo.view,
        claimedStage: photo.claimedStage ?? '', declaredDate: '', status: 'done', loaded: 1, total: 1, error: null, photo,
      }));
      const step = draft.status === 'draft' ? reachableStep(draft, action.step ?? null) : 'review';
      return { ...state, loading: false, draftId: draft.id, status: draft.status, hasConsent: draft.hasConsent, details: draft.details, consent: draft.consent, photos, flags: draft.flags, step, followUp: draft.followUp, announcement: 'Draft restored.' };
    }
    case 'photos-refreshed': {
      // Session dates changed: the server recomputed every stage.
      const byId = new Map(action.photos.map((photo) => [photo.id, photo]));
      const photos = state.photos.map((item) => {
        const fresh = item.photo && byId.get(item.photo.id);
        return fresh && item.photo ? { ...item, photo: { ...item.photo, capturedAt: fresh.capturedAt, dateSource: fresh.dateSource, ...(fresh.evidence && { evidence: fresh.evidence }), stage: fresh.stage } } : item;
      });
      return { ...state, photos };
    }
    case 'load-failed':
      return { ...initialState(), formError: action.message, announcement: action.message };
    case 'files-added': {
      const added: PhotoItem[] = action.files.map((file) => ({
        ...file, view: action.view, claimedStage: '', declaredDate: '', status: 'queued', loaded: 0, total: file.size, error: null, photo: null,
      }));
      const n = added.length;
      return { ...state, photos: [...state.photos, ...added], announcement: `${n} ${n === 1 ? 'photo' : 'photos'} ready: choose each view, then upload.` };
    }
    case 'photo-view':
      return updatePhoto(state, action.key, { view: action.view });
    case 'photo-claim':
      return updatePhoto(state, action.key, { claimedStage: action.stage });
    case 'photo-date':
      return updatePhoto(state, action.key, { declaredDate: action.value });
    case 'upload-started':
      return updatePhoto(state, action.key, { status: 'uploading', loaded: 0, total: action.total, error: null }, `Uploading ${nameOf(state, action.key)}.`);
    case 'upload-progress':
      return updatePhoto(state, action.key, { loaded: action.loaded, total: action.total });
    case 'upload-sent': {
      const total = state.photos.find((p) => p.key === action.key)?.total ?? 1;
      return updatePhoto(state, action.key, { status: 'processing', loaded: total }, `${nameOf(state, action.key)} sent; checking it.`);
    }
    case 'upload-done': {
      const { photo } = action;
      const source = photo.dateSource === 'signed' ? 'by its capture signature' : photo.dateSource === 'exif' ? 'from the photo' : 'as declared';
      const said = `${nameOf(state, action.key)} uploaded: ${stageLabel(photo.stage)}, dated ${photo.capturedAt.slice(0, 10)} ${source}.`;
      return updatePhoto(state, action.key, { status: 'done', photo, error: null, loaded: Math.max(1, state.photos.find((p) => p.key === action.key)?.total ?? 1) }, said);
    }
    case 'upload-needs-date':
      return updatePhoto(state, action.key, { status: 'needs-date', error: { message: dateRequest(action.message) } }, `${nameOf(state, action.key)} has no capture date: enter the day it was taken.`);
    case 'upload-failed':
      return updatePhoto(state, action.key, { status: 'failed', error: action.error }, `${nameOf(state, action.key)} was refused: ${action.error.message}`);
    case 'photo-deleting':
      return updatePhoto(state, action.key, { status: 'deleting', error: null });
    case 'delete-failed':
      return updatePhoto(state, action.key, { status: 'done', error: { message: action.message } }, action.message);
    case 'photo-removed':
      return { ...state, photos: state.photos.filter((p) => p.key !== action.key), announcement: `${nameOf(state, action.key)} removed.` };
    case 'submitted': {
      const n = action.flags.length;
      const findings = n === 0 ? 'no automatic flags' : `${n} automatic ${n === 1 ? 'flag' : 'flags'} for the moderator`;
      return { ...state, busy: false, status: action.status, flags: action.flags, formError: null, announcement: `Submitted for review, status ${action.status}, with ${findings}.` };
    }
  }
}

/**
 * The API's "no capture date" refusal, told to a person: its reason (an implausible camera date,
 * say) is kept, the API instruction ("send capturedAt as YYYY-MM-DD") becomes the form's.
 */
export function dateRequest(message: string): string {
  const reason = /^(.*?):\s*send capturedAt\b/i.exec(message)?.[1] ?? 'This photo carries no capture date';
  return `${reason}. Enter the day it was taken: it will be shown as declared, not verified.`;
}

/** Where a reloaded draft continues when the URL names no step: the first thing still missing. */
export function resumeStep(draft: Draft): Step {
  if (draft.photos.length === 0) return 'photos';
  return draft.hasConsent || draft.followUp ? 'review' : 'consent';
}

/** The step a reload asked for, unless it lies past the first thing still missing (or is not one of this draft's). */
export function reachableStep(draft: Draft, requested: Step | null): Step {
  const resume = resumeStep(draft);
  const own = draft.followUp ? followUpSteps : steps;
  return requested && own.includes(requested) && steps.indexOf(requested) <= steps.indexOf(resume) ? requested : resume;
}

/** Uploaded photos, in the order chosen. */
export function uploadedPhotos(state: SubmitState): Array<PhotoItem & { photo: UploadedPhoto }> {
  return state.photos.filter((p): p is PhotoItem & { photo: UploadedPhoto } => p.status === 'done' && p.photo !== null);
}

/** Files still waiting for the practitioner or the server. */
export function unsettledPhotos(state: SubmitState): PhotoItem[] {
  return state.photos.filter((p) => p.status !== 'done');
}

/** True while any file is on its way or being checked. */
export function isUploading(state: SubmitState): boolean {
  return state.photos.some((p) => p.status === 'uploading' || p.status === 'processing' || p.status === 'deleting');
}

/** The photos step may be left once a photo is in and no file is mid-flight. */
export function photosReady(state: SubmitState): boolean {
  return uploadedPhotos(state).length > 0 && !isUploading(state);
}
