/** The pure half of publishing: an approved submission and its photos → a valid case.yaml and a stable, URL-safe case id. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseRuleProblems } from '../../src/lib/content/case-rules.ts';
import { caseSchema } from '../../src/lib/content/schema.ts';
import { folderNamePattern } from '../../src/lib/content/vocabulary.ts';
import type { SubmissionRecord } from '../../src/lib/db/submissions.ts';
import { altText, caseIdFor, caseYamlFor, caseYamlText } from '../../src/lib/publishing/case-yaml.ts';
import { appendFollowUp } from '../../src/lib/publishing/follow-up-yaml.ts';
import { afterLast, defaultSessions, photoRecord } from '../factories/submissions.ts';

const submission = (overrides: Partial<SubmissionRecord> = {}): SubmissionRecord => ({
  id: 'Ab_3-xYz9QrStUvWxYz0123', ownerUserId: 1, practitionerSlug: 'ana-ribeiro', status: 'approved', kind: 'case', caseId: null, touchUp: null, touchUps: [], treatment: 'male-pattern-baldness',
  profile: { norwood: 5, fitzpatrick: 'III' }, sessions: [...defaultSessions].reverse(), consent: { recordedAt: '2025-01-10', faceVisible: false, attested: true },
  notes: ' Two sessions. ', createdAt: '2025-06-01T00:00:00.000Z', updatedAt: '2025-06-01T00:00:00.000Z', submittedAt: '2025-06-01T00:00:00.000Z', ...overrides,
});
const photo = photoRecord;

describe('caseYamlFor', () => {
  const photos = [
    photo({ view: 'hairline', capturedAt: afterLast(120), claimedStage: 'healed', dateSource: 'exif', dateFrom: 'exif', exifCapturedDay: afterLast(120), fingerprint: `${'ab'.repeat(8)}-${'cd'.repeat(8)}`, evidence: { level: 'camera-original', reasons: ['private reason'], credentials: 'none' } }),
    photo({ view: 'hairline', capturedAt: '2025-01-05', claimedStage: 'before' }),
    photo({ view: 'crown', capturedAt: afterLast(10), claimedStage: 'healed' }),
    photo({ view: 'crown', capturedAt: afterLast(400) }),
  ];
  const data = caseYamlFor(submission(), photos, '2026-06-01');

  it('is valid per caseSchema and the case rules, through its YAML text', () => {
    const parsed = caseSchema.parse(parse(caseYamlText(data)));
    const files = new Set(data.photos.map((p) => p.file));
    expect(caseRuleProblems(parsed, { file: 'case.yaml', today: new Date('2026-06-01'), photoExists: (f) => files.has(f) })).toEqual([]);
    expect(parsed.consent).toEqual({ recordedAt: new Date('2025-01-10'), faceVisible: false });
    expect(parsed.notes).toBe('Two sessions.');
    expect(data.sessions).toEqual(defaultSessions);
  });

  it('names photos <view>-<n>.jpg by date, keeps sha256, dates and only agreeing claimed stages', () => {
    expect(data.photos.map((p) => [p.file, p.capturedAt, p.claimedStage])).toEqual([
      ['hairline-1.jpg', '2025-01-05', 'before'],
      ['crown-1.jpg', afterLast(10), undefined],
      ['hairline-2.jpg', afterLast(120), 'healed'],
      ['crown-2.jpg', afterLast(400), undefined],
    ]);
    expect(data.photos[2]).toEqual(expect.objectContaining({ sha256: photos[0]!.masterSha256, evidence: { level: 'camera-original' }, fingerprint: `${'ab'.repeat(8)}-${'cd'.repeat(8)}` }));
    expect(data.publishedAt).toBe('2026-06-01');
  });

  it('writes alt texts from the view and the days since the last session', () => {
    expect(data.photos.map((p) => p.alt)).toEqual([
      'Hairline, 5 days before the first session',
      'Crown, 10 days after the last session',
      'Hairline, 120 days after the last session',
      'Crown, 400 days after the last session',
    ]);
    expect(altText('top', '2025-01-20', defaultSessions)).toBe('Top, between sessions, 10 days after the first session');
    expect(altText('left', defaultSessions[1]!, defaultSessions)).toBe('Left side, on the day of the last session');
  });

  it('writes the same bytes every time, and refuses a submission without consent', () => {
    expect(caseYamlText(caseYamlFor(submission(), [...photos].reverse(), '2026-06-01'))).toBe(caseYamlText(data));
    expect(() => caseYamlFor(submission({ consent: null }), photos, '2026-06-01')).toThrow(/consent/);
  });
});

describe('caseIdFor', () => {
  it('is URL-safe, readable and stable for the submission', () => {
    const id = caseIdFor(submission());
    expect(id).toBe('ana-ribeiro-mpb-ab3xyz9q');
    expect(id).toMatch(folderNamePattern);
    expect(caseIdFor(submission())).toBe(id);
    expect(caseIdFor(submission({ treatment: 'scar-correction', id: '__--__--ZZZZZZZZZZZZZZZZ' }))).toBe('ana-ribeiro-scar-zzzzzzzz');
  });

  it('takes more of the submission id when the short one is used by another case', () => {
    expect(caseIdFor(submission(), (id) => id === 'ana-ribeiro-mpb-ab3xyz9q')).toBe('ana-ribeiro-mpb-ab3xyz9qr');
  });
});

describe('appendFollowUp', () => {
  const live = {
    treatment: 'male-pattern-baldness', profile: { norwood: 5, fitzpatrick: 'III' }, sessions: [...defaultSessions],
    photos: [
      { file: '01-before-hairline.jpg', view: 'hairline', capturedAt: '2025-01-05', evidence: { level: 'camera-original' }, lighting: 'studio', alt: 'Hairline before the first session', sha256: 'a'.repeat(64) },
      { file: 'hairline-1.jpg', view: 'hairline', capturedAt: afterLast(90), evidence: { level: 'declared' }, alt: 'Hairline, 90 days after the last session', sha256: 'b'.repeat(64) },
    ],
    consent: { recordedAt: '2025-01-05', faceVisible: false }, notes: 'Demo.', publishedAt: '2025-06-01',
  };
  const added = [
    photo({ view: 'hairline', capturedAt: afterLast(500), masterSha256: 'c'.repeat(64) }),
    photo({ view: 'crown', capturedAt: afterLast(390), masterSha256: 'd'.repeat(64), addedBy: 'client' }),
  ];

  it('adds new photos after the old ones under unused names, the touch-up after the sessions, and keeps what it does not know', () => {
    const data = appendFollowUp(live, { touchUp: afterLast(400) }, added);
    expect(Object.keys(data)).toEqual(['treatment', 'profile', 'sessions', 'touchUps', 'photos', 'consent', 'notes', 'publishedAt']);
    expect(data.touchUps).toEqual([afterLast(400)]);
    const photos = data.photos as Array<Record<string, unknown>>;
    expect(photos.slice(0, 2)).toEqual(live.photos);
    expect(photos.slice(2)).toEqual([
      expect.objectContaining({ file: 'crown-1.jpg', addedBy: 'client', alt: 'Crown, 390 days after the last session' }),
      expect.objectContaining({ file: 'hairline-2.jpg', alt: 'Hairline, 100 days after a touch-up session' }),
    ]);
    expect(caseRuleProblems(caseSchema.parse(parse(caseYamlText(data as never))), { file: 'case.yaml', today: new Date('2030-01-01'), photoExists: () => true })).toEqual([]);
  });

  it('is idempotent: appending the same follow-up again changes nothing', () => {
    const once = appendFollowUp(live, { touchUp: afterLast(400) }, added);
    expect(appendFollowUp(once, { touchUp: afterLast(400) }, added)).toEqual(once);
    expect(caseYamlText(appendFollowUp(once, { touchUp: afterLast(400) }, added) as never)).toBe(caseYamlText(once as never));
  });
});
