/** The /submit island's pure parts: form checks, request bodies, the reducer, the draft reader and API errors. */
import { describe, expect, it } from 'vitest';
import { apiError, asksForCaptureDate } from '../../src/pages/submit/_components/api.ts';
import { consentBody, consentErrors, detailsBody, detailsErrors, errorField, isFormField, maxSessions, sortedDays } from '../../src/pages/submit/_components/case-body.ts';
import { draftFromApi } from '../../src/pages/submit/_components/draft-shape.ts';
import { initialState, photosReady, stepsOf, submitReducer, type SubmitAction, type SubmitState } from '../../src/pages/submit/_components/state.ts';
import type { ConsentForm, DetailsForm } from '../../src/pages/submit/_components/types.ts';

const today = '2025-06-01';

function details(over: Partial<DetailsForm> = {}): DetailsForm {
  return { treatment: 'male-pattern-baldness', norwood: '4', ludwig: '', fitzpatrick: 'III', scarType: '', sessions: ['2025-01-10', '2025-01-24'], notes: '', ...over };
}
function consent(over: Partial<ConsentForm> = {}): ConsentForm {
  return { recordedAt: '2025-01-10', faceVisible: 'no', expiresAt: '', attested: true, ...over };
}
function run(state: SubmitState, ...actions: SubmitAction[]): SubmitState {
  return actions.reduce(submitReducer, state);
}

describe('details and consent checks', () => {
  it('accepts a complete form', () => {
    expect(detailsErrors(details(), today)).toEqual({});
    expect(consentErrors(consent(), today)).toEqual({});
  });

  it('names each missing or wrong field by its API path', () => {
    const errors = detailsErrors(details({ treatment: 'scar-correction', fitzpatrick: '', sessions: ['', '2030-01-01', '2025-01-10', '2025-01-10'] }), today);
    expect(Object.keys(errors).sort()).toEqual(['profile.fitzpatrick', 'profile.scarType', 'sessions.0', 'sessions.1', 'sessions.3']);
    expect(detailsErrors(details({ treatment: '' }), today)).toHaveProperty('treatment');
  });

  it('asks every consent question: nothing has a default', () => {
    const fresh = initialState().consent;
    expect(Object.keys(consentErrors(fresh, today)).sort()).toEqual(['consent.attested', 'consent.faceVisible', 'consent.recordedAt']);
    expect(consentErrors(consent({ expiresAt: '2025-05-01' }), today)).toHaveProperty(['consent.expiresAt']);
    expect(consentErrors(consent({ recordedAt: '2025-07-01' }), today)).toHaveProperty(['consent.recordedAt']);
  });
});

describe('the request bodies', () => {
  it('sends only the scales the treatment asks for, typed as the API wants', () => {
    expect(detailsBody(details({ ludwig: 'II', scarType: 'fue', notes: '  soft pigment ' }))).toEqual({
      treatment: 'male-pattern-baldness',
      profile: { norwood: 4, fitzpatrick: 'III' },
      sessions: ['2025-01-10', '2025-01-24'],
      notes: 'soft pigment',
    });
    const scar = detailsBody(details({ treatment: 'scar-correction', scarType: 'fut', notes: '' }));
    expect(scar.profile).toEqual({ fitzpatrick: 'III', scarType: 'fut' });
    expect(scar).not.toHaveProperty('notes');
    // A PATCH clears notes by sending them empty.
    expect(detailsBody(details({ notes: ' ' }), true)).toHaveProperty('notes', '');
  });

  it('builds the consent explicitly from the answers', () => {
    expect(consentBody(consent({ faceVisible: 'yes', expiresAt: '2027-01-01' }))).toEqual({ consent: { recordedAt: '2025-01-10', faceVisible: true, expiresAt: '2027-01-01', attested: true } });
    expect(consentBody(consent()).consent).toEqual({ recordedAt: '2025-01-10', faceVisible: false, attested: true });
    expect(consentErrors(consent({ recordedAt: '2025-03-01', expiresAt: '2025-03-01' }), '2025-02-01')).toHaveProperty(['consent.expiresAt']);
  });

  it('sorts sessions oldest first, blanks last', () => {
    expect(sortedDays(['2025-02-01', '', '2025-01-10'])).toEqual(['2025-01-10', '2025-02-01', '']);
  });

  it('reads the field an API error names', () => {
    expect(errorField({ field: 'sessions[1]', message: 'x' })).toBe('sessions.1');
    expect(errorField({ message: 'profile.norwood: must be 1–7' })).toBe('profile.norwood');
    expect(errorField({ message: 'Something went wrong' })).toBeUndefined();
    expect(isFormField('profile.ludwig', details())).toBe(false);
    expect(isFormField('sessions.1', details())).toBe(true);
    expect(isFormField('sessions.2', details())).toBe(false);
  });
});

describe('the reducer', () => {
  it('keeps 1 to 6 sessions', () => {
    let state = initialState();
    for (let i = 0; i < 10; i++) state = submitReducer(state, { type: 'add-session' });
    expect(state.details.sessions).toHaveLength(maxSessions);
    for (let i = 0; i < 10; i++) state = submitReducer(state, { type: 'remove-session', index: 0 });
    expect(state.details.sessions).toHaveLength(1);
  });

  it('clears a field’s error when that field is edited, and only that one', () => {
    const state = run(initialState(), { type: 'invalid', errors: { treatment: 'Choose', 'profile.fitzpatrick': 'Choose', 'consent.attested': 'Confirm' } },
      { type: 'edit-details', field: 'fitzpatrick', value: 'II' }, { type: 'attest', value: true });
    expect(state.fieldErrors).toEqual({ treatment: 'Choose' });
  });

  it('puts each problem of a refusal next to its field, on its step; others for the whole step', () => {
    const onConsent = run(initialState(), { type: 'edit-details', field: 'treatment', value: 'male-pattern-baldness' }, { type: 'add-session' }, { type: 'go', step: 'consent' }, { type: 'busy' });
    const refused = submitReducer(onConsent, { type: 'refused', error: {
      code: 'invalid-request', message: 'profile.norwood: must be a Norwood stage from 1 to 7 (and 1 more problem).', field: 'profile.norwood',
      problems: [{ field: 'profile.norwood', message: 'must be a Norwood stage from 1 to 7' }, { field: 'sessions[1]', message: 'is not after 2025-01-24: list sessions oldest first' }],
    } });
    expect(refused).toMatchObject({ step: 'details', busy: false, formError: null, fieldErrors: { 'profile.norwood': 'Must be a Norwood stage from 1 to 7', 'sessions.1': 'Is not after 2025-01-24: list sessions oldest first' } });
    const other = submitReducer(onConsent, { type: 'refused', error: { code: 'invalid-request', message: 'colour: is not a known field', field: 'colour' } });
    expect(other).toMatchObject({ step: 'consent', formError: 'colour: is not a known field', fieldErrors: {} });
    const noPhotos = submitReducer({ ...onConsent, step: 'review' }, { type: 'refused', error: { code: 'draft-incomplete', message: 'Add at least one photo before submitting the case.', field: 'photos' } });
    expect(noPhotos).toMatchObject({ step: 'photos', formError: 'Add at least one photo before submitting the case.' });
  });

  it('restores a reloaded draft at the asked step, never past what is missing', () => {
    const draft = draftFromApi({ id: 'd1', status: 'draft', treatment: 'alopecia-areata', profile: {}, sessions: ['2025-01-10'], consent: null, photos: [] })!;
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft, step: 'review' }).step).toBe('photos');
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft, step: 'details' }).step).toBe('details');
    const withPhoto = { ...draft, photos: [{ id: 'p', view: 'top' as const, capturedAt: '2025-04-20', dateSource: 'exif' as const, width: 1, height: 1, stage: 'healed' as const }] };
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft: withPhoto, step: 'review' }).step).toBe('consent');
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft: { ...withPhoto, hasConsent: true }, step: null }).step).toBe('review');
  });

  it('follows a file from choice to upload, with progress, a date asked for, and a retry', () => {
    let state = run(initialState(), { type: 'draft-created', id: 'd1' }, { type: 'files-added', view: 'hairline', files: [{ key: 'a', name: 'a.jpg', size: 1000 }, { key: 'b', name: 'b.jpg', size: 2000 }] });
    expect(state.step).toBe('photos');
    expect(photosReady(state)).toBe(false);
    state = run(state, { type: 'photo-view', key: 'b', view: 'crown' }, { type: 'upload-started', key: 'a', total: 1000 }, { type: 'upload-progress', key: 'a', loaded: 400, total: 1000 });
    expect(state.photos[0]).toMatchObject({ status: 'uploading', loaded: 400, total: 1000 });
    state = run(state, { type: 'upload-sent', key: 'a' }, { type: 'upload-done', key: 'a', photo: { id: 'p1', capturedAt: '2025-04-20', dateSource: 'exif', width: 1200, height: 900, stage: 'healed' } });
    expect(state.photos[0]).toMatchObject({ status: 'done', loaded: 1000, total: 1000 });
    expect(state.announcement).toBe('a.jpg uploaded: Healed, dated 2025-04-20 from the photo.');
    expect(photosReady(state)).toBe(true);

    state = run(state, { type: 'upload-started', key: 'b', total: 2000 }, { type: 'upload-needs-date', key: 'b', message: 'This photo carries no capture date (its camera date "1980:01:01 00:00:00" is implausible and was ignored): send capturedAt as YYYY-MM-DD, the day the photo was taken.' });
    expect(state.photos[1]).toMatchObject({ status: 'needs-date', view: 'crown', error: { message: 'This photo carries no capture date (its camera date "1980:01:01 00:00:00" is implausible and was ignored). Enter the day it was taken: it will be shown as declared, not verified.' } });
    state = run(state, { type: 'photo-date', key: 'b', value: '2024-12-01' }, { type: 'upload-started', key: 'b', total: 2000 });
    expect(state.photos[1]).toMatchObject({ status: 'uploading', declaredDate: '2024-12-01', error: null });
    expect(photosReady(state)).toBe(false);
    state = submitReducer(state, { type: 'upload-failed', key: 'b', error: { message: 'The file is a HEIC/HEIF photo', hint: 'Export the photo as JPEG' } });
    expect(state.photos[1]!.error).toEqual({ message: 'The file is a HEIC/HEIF photo', hint: 'Export the photo as JPEG' });
    state = submitReducer(state, { type: 'photo-removed', key: 'b' });
    expect(state.photos.map((p) => p.key)).toEqual(['a']);
  });

  it('records the status and the flags of a submit', () => {
    const state = submitReducer(initialState(), { type: 'submitted', status: 'pending', flags: [{ code: 'no-healed-photo', message: 'No healed photo' }] });
    expect(state).toMatchObject({ status: 'pending', busy: false, flags: [{ code: 'no-healed-photo', message: 'No healed photo' }] });
    expect(state.announcement).toContain('1 automatic flag');
  });
});

describe('a draft read back after a reload', () => {
  const body = {
    id: 'd1', status: 'draft', treatment: 'female-hair-loss', notes: 'n',
    profile: { ludwig: 'II', fitzpatrick: 'IV' }, sessions: ['2025-01-10T00:00:00.000Z', '2025-02-01'],
    consent: { recordedAt: '2025-01-10', faceVisible: false, attested: true },
    photos: [{ id: 7, view: 'top', capturedAt: '2025-04-20T09:00:00Z', dateSource: 'exif', width: 1200, height: 900, stage: 'healed' }, { nonsense: true }],
    flags: [{ code: 'x', message: 'Flag', photoId: 7 }, { code: 'no-message' }],
  };

  it('fills the forms and the photos, and continues at the first step with something missing', () => {
    const draft = draftFromApi({ submission: body })!;
    expect(draft.details).toEqual({ treatment: 'female-hair-loss', norwood: '', ludwig: 'II', fitzpatrick: 'IV', scarType: '', sessions: ['2025-01-10', '2025-02-01'], notes: 'n' });
    expect(draft.consent).toEqual({ recordedAt: '2025-01-10', faceVisible: 'no', expiresAt: '', attested: true });
    expect(draft.photos).toEqual([{ id: '7', view: 'top', capturedAt: '2025-04-20T09:00:00Z', dateSource: 'exif', width: 1200, height: 900, stage: 'healed' }]);
    expect(draft.flags).toEqual([{ code: 'x', message: 'Flag', photoId: '7' }]);
    const state = submitReducer(initialState('d1'), { type: 'draft-loaded', draft });
    expect(state).toMatchObject({ loading: false, step: 'review', draftId: 'd1', status: 'draft', hasConsent: true });
    expect(photosReady(state)).toBe(true);
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft: { ...draft, status: 'pending' } }).step).toBe('review');
  });

  it('reads a follow-up: its live case and touch-up; its steps are photos and review, never details or consent', () => {
    const followUp = { ...body, kind: 'follow-up', caseId: 'ana-ribeiro-mpb-1', touchUp: '2026-03-08', consent: { ...body.consent } };
    const draft = draftFromApi(followUp)!;
    expect(draft.followUp).toEqual({ caseId: 'ana-ribeiro-mpb-1', touchUp: '2026-03-08' });
    expect(draftFromApi(body)!.followUp).toBeNull();
    const empty = { ...draft, photos: [] };
    const loaded = submitReducer(initialState('d1'), { type: 'draft-loaded', draft: empty, step: 'details' });
    expect(loaded).toMatchObject({ step: 'photos', followUp: { caseId: 'ana-ribeiro-mpb-1' } });
    expect(stepsOf(loaded)).toEqual(['photos', 'review']);
    expect(submitReducer(initialState('d1'), { type: 'draft-loaded', draft: { ...draft, hasConsent: false }, step: 'consent' }).step).toBe('review');
    expect(stepsOf(initialState())).toEqual(['details', 'photos', 'consent', 'review']);
  });

  it('refuses what is not a submission', () => {
    expect(draftFromApi(null)).toBeNull();
    expect(draftFromApi({ error: { code: 'not-found' } })).toBeNull();
  });
});

describe('API answers', () => {
  it('reads the error body, its field, hint and problems', () => {
    expect(apiError(400, { error: { code: 'invalid-request', message: 'sessions[0]: is missing.', field: 'sessions[0]', problems: [{ field: 'sessions[0]', message: 'is missing' }, { nonsense: 1 }] } }))
      .toEqual({ code: 'invalid-request', message: 'sessions[0]: is missing.', field: 'sessions[0]', problems: [{ field: 'sessions[0]', message: 'is missing' }] });
    expect(apiError(502, null).message).toContain('502');
    expect(apiError(401, null).code).toBe('unauthenticated');
  });

  it('tells the capture-date request from other refusals', () => {
    expect(asksForCaptureDate(400, { code: 'captured-at-required', message: 'This photo carries no capture date', field: 'capturedAt' })).toBe(true);
    expect(asksForCaptureDate(400, { code: 'invalid-request', message: 'view: must be one of …', field: 'view' })).toBe(false);
    expect(asksForCaptureDate(415, { code: 'heic-not-supported', message: 'HEIC', field: 'file' })).toBe(false);
  });
});
