import { describe, expect, it } from 'vitest';
import type { Practitioner, PublishedCase, PublishedPhoto } from '../../src/lib/content/types.ts';
import { buildCaseDocument, buildCaseDocuments, thumbnailUrl } from '../../src/lib/search/document.ts';
import { documentsFingerprint } from '../../src/lib/search/fingerprint.ts';
import { addDays } from '../factories/content.ts';

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const sha = (c: string) => c.repeat(64);

const practitioner: Practitioner = {
  slug: 'priya-deshpande', name: 'Priya Deshpande', clinic: 'Deccan Scalp Studio', bio: '', city: 'Pune', country: 'IN',
  geo: { lat: 18.52, lng: 73.86 }, languages: ['mr'], credentials: [],
};

const photo = (file: string, day: string, overrides: Partial<PublishedPhoto> = {}): PublishedPhoto => ({
  file, view: 'hairline', capturedAt: d(day), evidence: { level: 'camera-original' }, alt: `Hairline on ${day}`, sha256: sha('0'), path: `/p/${file}`, ...overrides,
});

/** Sessions 2025-01-10 and 2025-01-31; a before photo and a verified healed one 90 days on. */
function publishedCase(overrides: Partial<PublishedCase> = {}): PublishedCase {
  return {
    id: 'pune-alopecia-1', practitionerSlug: 'priya-deshpande', treatment: 'alopecia-areata',
    profile: { fitzpatrick: 'IV', ludwig: 'II' }, sessions: [d('2025-01-10'), d('2025-01-31')],
    photos: [photo('before.jpg', '2025-01-07', { sha256: sha('a') }), photo('healed.jpg', addDays('2025-01-31', 90), { sha256: sha('b') })],
    consent: { recordedAt: d('2025-01-05'), faceVisible: false }, notes: 'Patchy alopecia, soft hairline.', publishedAt: d('2025-06-01'),
    ...overrides,
  };
}

describe('buildCaseDocument', () => {
  it('flattens case, practitioner and trust summary into one document', () => {
    const doc = buildCaseDocument(publishedCase(), practitioner, () => undefined);
    expect(doc).toEqual({
      id: 'pune-alopecia-1', url: '/cases/pune-alopecia-1/', practitionerSlug: 'priya-deshpande', practitionerName: 'Priya Deshpande',
      clinic: 'Deccan Scalp Studio', treatment: 'alopecia-areata', city: 'Pune', country: 'IN', _geo: { lat: 18.52, lng: 73.86 },
      ludwig: 'II', fitzpatrick: 'IV', stage: 'healed', verifiedHealed: true, clientConfirmed: false, evidence: 'camera-original', daysHealed: 90,
      lastSessionAt: d('2025-01-31').getTime() / 1000, publishedAt: d('2025-06-01').getTime() / 1000,
      text: 'Priya Deshpande\nDeccan Scalp Studio\nPune\nIndia\nAlopecia areata\nPatchy alopecia, soft hairline.',
    });
    // Optional fields are absent, not undefined: Meilisearch and JSON see the same document.
    expect(Object.keys(doc)).not.toContain('norwood');
    expect(Object.keys(doc)).not.toContain('thumbnail');
  });

  it('takes the thumbnail of the photo a card shows (the healed "after")', () => {
    const asked: string[] = [];
    const doc = buildCaseDocument(publishedCase(), practitioner, (s) => (asked.push(s), s === sha('b') ? '/img/thumb.avif' : undefined));
    expect(asked).toEqual([sha('b')]);
    expect(doc.thumbnail).toBe('/img/thumb.avif');
  });

  it('marks a case its client confirmed, and counts a follow-up after a touch-up from the touch-up', () => {
    const touchUp = addDays('2025-01-31', 800);
    const kase = publishedCase({
      clientConfirmation: { confirmedAt: d('2025-07-01') },
      touchUps: [d(touchUp)],
      photos: [photo('before.jpg', '2025-01-07'), photo('late.jpg', addDays('2025-01-31', 700)), photo('after-touch-up.jpg', addDays(touchUp, 70))],
    });
    expect(buildCaseDocument(kase, practitioner, () => undefined)).toMatchObject({ clientConfirmed: true, stage: 'long-term', daysHealed: 700 });
  });

  it('counts only verified dates for stage and days healed', () => {
    const declared = publishedCase({
      photos: [photo('before.jpg', '2025-01-07'), photo('healed.jpg', addDays('2025-01-31', 90), { evidence: { level: 'declared' } })],
    });
    const doc = buildCaseDocument(declared, practitioner, () => undefined);
    expect(doc).toMatchObject({ stage: 'before', verifiedHealed: false, daysHealed: 0 });
    const longTerm = buildCaseDocument(publishedCase({ photos: [photo('late.jpg', addDays('2025-01-31', 400))] }), practitioner, () => undefined);
    expect(longTerm).toMatchObject({ stage: 'long-term', verifiedHealed: true, daysHealed: 400 });
  });

  it('carries the client profile and a practitioner without a clinic', () => {
    const doc = buildCaseDocument(
      publishedCase({ treatment: 'scar-correction', profile: { fitzpatrick: 'II', norwood: 3, scarType: 'fut' }, notes: '' }),
      { ...practitioner, clinic: undefined, country: 'GB', city: 'London' },
      () => undefined,
    );
    expect(doc).toMatchObject({ norwood: 3, scarType: 'fut', fitzpatrick: 'II', country: 'GB' });
    expect(Object.keys(doc)).not.toContain('clinic');
    expect(doc.text).toBe('Priya Deshpande\nLondon\nUnited Kingdom\nScar correction');
  });
});

describe('buildCaseDocuments', () => {
  it('skips cases without a published practitioner and orders by id', () => {
    const cases = [publishedCase({ id: 'b-case' }), publishedCase({ id: 'a-case' }), publishedCase({ id: 'orphan', practitionerSlug: 'gone' })];
    const docs = buildCaseDocuments(cases, new Map([[practitioner.slug, practitioner]]), () => undefined);
    expect(docs.map((doc) => doc.id)).toEqual(['a-case', 'b-case']);
  });
});

describe('thumbnailUrl', () => {
  const variants = { sha256: sha('c'), recipeId: '0123abcd', width: 1600, height: 1200, placeholder: '', widths: [400, 800], heights: [300, 600], formats: ['avif', 'webp', 'jpeg'] as const };
  it('names the 400 px AVIF variant', () => {
    expect(thumbnailUrl({ ...variants, formats: [...variants.formats] })).toBe(`/img/${sha('c')}.0123abcd.400.avif`);
  });
  it('falls back to the master width for a narrow photo', () => {
    expect(thumbnailUrl({ ...variants, widths: [320], heights: [240], formats: ['jpeg'] })).toBe(`/img/${sha('c')}.0123abcd.320.jpg`);
  });
});

describe('documentsFingerprint', () => {
  const docs = buildCaseDocuments([publishedCase({ id: 'a' }), publishedCase({ id: 'b' })], new Map([[practitioner.slug, practitioner]]), () => undefined);
  it('depends on content, not on order or key order', () => {
    const reordered = [...docs].reverse().map((doc) => Object.fromEntries(Object.entries(doc).reverse()) as typeof doc);
    expect(documentsFingerprint(reordered)).toBe(documentsFingerprint(docs));
  });
  it('changes when a thumbnail lands or a location moves', () => {
    expect(documentsFingerprint([{ ...docs[0]!, thumbnail: '/img/x.avif' }, docs[1]!])).not.toBe(documentsFingerprint(docs));
    expect(documentsFingerprint([{ ...docs[0]!, _geo: { lat: 0, lng: 0 } }, docs[1]!])).not.toBe(documentsFingerprint(docs));
  });
});
