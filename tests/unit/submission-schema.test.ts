import { describe, expect, it } from 'vitest';
import { createSubmissionSchemas, fieldProblems, isId, photoFieldsSchema } from '../../src/lib/submissions/schema.ts';
import { submissionBody, testNow } from '../factories/submissions.ts';

const { submissionInput, submissionPatch } = createSubmissionSchemas(() => testNow);
const problems = (body: unknown) => {
  const result = submissionInput.safeParse(body);
  return result.success ? [] : fieldProblems(result.error);
};
const fields = (body: unknown) => problems(body).map((p) => p.field);

describe('submission body', () => {
  it('accepts a complete draft and trims the notes', () => {
    const result = submissionInput.parse(submissionBody({ notes: '  Healed well.  ' }));
    expect(result).toEqual({ ...submissionBody(), notes: 'Healed well.' });
  });

  it('accepts a draft without notes, consent or Fitzpatrick type (they may come later)', () => {
    expect(problems(submissionBody({ notes: undefined, consent: undefined, profile: { ludwig: 'II' }, treatment: 'female-hair-loss' }))).toEqual([]);
  });

  it('names an unknown field, at the top and inside objects', () => {
    expect(problems(submissionBody({ price: 100 }))).toEqual([{ field: 'price', message: 'is not a known field: remove it or check the spelling' }]);
    expect(fields(submissionBody({ profile: { norwood: 4, fitzpatrick: 'II', age: 40 } }))).toEqual(['profile.age']);
    expect(fields(submissionBody({ consent: { recordedAt: '2025-01-10', faceVisible: true, attested: true, signature: 'x' } }))).toEqual(['consent.signature']);
  });

  it.each([
    ['treatment', { treatment: 'hair-transplant' }, /unknown treatment "hair-transplant": use one of male-pattern-baldness/],
    ['treatment', { treatment: undefined }, /^is missing$/],
    ['profile', { profile: undefined }, /^is missing$/],
    ['profile.norwood', { profile: { norwood: 8, fitzpatrick: 'II' } }, /Norwood stage from 1 to 7/],
    ['profile.norwood', { profile: { norwood: 2.5, fitzpatrick: 'II' } }, /whole Norwood stage/],
    ['profile.ludwig', { profile: { ludwig: 'IV', fitzpatrick: 'II' } }, /I, II or III/],
    ['profile.ludwig', { profile: { norwood: 3, ludwig: 'II', fitzpatrick: 'II' } }, /both norwood and ludwig/],
    ['profile.fitzpatrick', { profile: { norwood: 3, fitzpatrick: 'VII' } }, /I, II, III, IV, V or VI/],
    ['profile.scarType', { profile: { fitzpatrick: 'II', scarType: 'burn' } }, /fue, fut or injury/],
    ['profile.scarType', { treatment: 'scar-correction', profile: { fitzpatrick: 'II' } }, /missing for a scar correction/],
    ['sessions', { sessions: [] }, /at least one session/],
    ['sessions', { sessions: ['2025-01-01', '2025-01-08', '2025-01-15', '2025-01-22', '2025-01-29', '2025-02-05', '2025-02-12'] }, /more than 6 sessions/],
    ['sessions', { sessions: '2025-01-10' }, /list of session dates/],
    ['sessions[0]', { sessions: ['10/01/2025'] }, /YYYY-MM-DD/],
    ['sessions[0]', { sessions: ['2025-02-30'] }, /not a calendar date/],
    ['sessions[0]', { sessions: ['1999-12-31'] }, /before 2000/],
    ['sessions[1]', { sessions: ['2025-01-10', '2026-01-17'] }, /in the future/],
    ['sessions[1]', { sessions: ['2025-02-01', '2025-01-10'] }, /not after 2025-02-01: list sessions oldest first/],
    ['sessions[1]', { sessions: ['2025-02-01', '2025-02-01'] }, /each day once/],
    ['notes', { notes: 'x'.repeat(4001) }, /longer than 4000 characters/],
    ['notes', { notes: 42 }, /must be text/],
    ['consent', { consent: 'yes' }, /must be an object/],
    ['consent.attested', { consent: { recordedAt: '2025-01-10', faceVisible: false, attested: false } }, /must be true: confirm that the client signed/],
    ['consent.attested', { consent: { recordedAt: '2025-01-10', faceVisible: false } }, /^is missing$/],
    ['consent.attested', { consent: { recordedAt: '2025-01-10', faceVisible: false, attested: 'true' } }, /must be true/],
    ['consent.faceVisible', { consent: { recordedAt: '2025-01-10', attested: true } }, /^is missing$/],
    ['consent.recordedAt', { consent: { recordedAt: '2026-02-01', faceVisible: false, attested: true } }, /in the future/],
    ['consent.expiresAt', { consent: { recordedAt: '2025-01-10', expiresAt: '2025-01-10', faceVisible: false, attested: true } }, /not after recordedAt/],
  ])('refuses %s: %j', (field, overrides, message) => {
    const found = problems(submissionBody(overrides));
    expect(found.map((p) => p.field)).toContain(field);
    expect(found.find((p) => p.field === field)!.message).toMatch(message);
  });

  it('allows today in the earliest time zone, refuses the day after', () => {
    // testNow is 12:00 UTC on 2026-01-15: already 02:00 on the 16th in UTC+14.
    expect(problems(submissionBody({ sessions: ['2026-01-16'] }))).toEqual([]);
    expect(fields(submissionBody({ sessions: ['2026-01-17'] }))).toEqual(['sessions[0]']);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'draft', 3]) expect(problems(body)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });
});

describe('patch body', () => {
  it('takes any subset of the fields, and nothing unknown', () => {
    expect(submissionPatch.parse({ consent: { recordedAt: '2025-01-10', faceVisible: true, attested: true } })).toEqual({ consent: { recordedAt: '2025-01-10', faceVisible: true, attested: true } });
    expect(fieldProblems(submissionPatch.safeParse({ status: 'live' }).error!)).toContainEqual({ field: 'status', message: 'is not a known field: remove it or check the spelling' });
    expect(fieldProblems(submissionPatch.safeParse({}).error!)[0]!.message).toMatch(/is empty/);
  });
});

describe('photo fields', () => {
  it('takes view, capturedAt and claimedStage, and nothing else', () => {
    expect(photoFieldsSchema.parse({ view: 'crown', capturedAt: '2025-05-01', claimedStage: 'healed' })).toEqual({ view: 'crown', capturedAt: '2025-05-01', claimedStage: 'healed' });
    expect(photoFieldsSchema.parse({ view: 'donor' })).toEqual({ view: 'donor' });
    const result = photoFieldsSchema.safeParse({ view: 'face', capturedAt: '2025-13-01', claimedStage: 'done', submissionId: 'x' });
    expect(fieldProblems(result.error!).map((p) => p.field).sort()).toEqual(['capturedAt', 'claimedStage', 'submissionId', 'view']);
  });
});

describe('ids', () => {
  it('accepts only 22 base64url characters', () => {
    expect(isId('AbCdEfGhIjKlMnOpQrStU_')).toBe(true);
    for (const bad of ['', 'short', '../../../../etc/passwd', 'AbCdEfGhIjKlMnOpQrStU.', 'AbCdEfGhIjKlMnOpQrStU_x', 42, null]) expect(isId(bad)).toBe(false);
  });
});
