import { describe, expect, it } from 'vitest';
import { computeFlags, flagCodes, type FlagCode } from '../../src/lib/submissions/flags.ts';
import { afterLast, declaredPhoto, flagInput, flagPhoto, otherPhoto, phash, testNow } from '../factories/submissions.ts';

type Input = Parameters<typeof flagInput>[0];
const codes = (overrides: Input = {}) => computeFlags(flagInput(overrides)).map((f) => f.code);
const only = (code: FlagCode, overrides: Input) => computeFlags(flagInput(overrides)).filter((f) => f.code === code);
/** A hash far (32+ bits) from every default one. */
const far = '5a5a5a5a5a5a5a5a';
/** A photo that keeps the case's verified healed photo, so only the flag under test can fire. */
const healed = () => flagPhoto({ phash: far });

describe('computeFlags', () => {
  it('finds nothing to flag in a clean case', () => {
    expect(computeFlags(flagInput())).toEqual([]);
  });

  it('has a message a moderator can act on for every code', () => {
    const flags = computeFlags(flagInput({
      submission: { consent: null },
      photos: [
        declaredPhoto(afterLast(90), { originalShortSide: 900, phash: phash(1), uploadedAt: '2025-01-01T00:00:00Z' }),
        flagPhoto({ claimedStage: 'healed', capturedAt: afterLast(30), declaredCapturedAt: afterLast(60), phash: phash(3, '0f0f0f0f0f0f0f0f') }),
      ],
      others: [otherPhoto({ phash: phash(0) }), otherPhoto({ practitionerSlug: 'ana-ribeiro', phash: '0f0f0f0f0f0f0f0f' })],
    }));
    expect(new Set(flags.map((f) => f.code))).toEqual(new Set(flagCodes.filter((c) => c !== 'consent-expired')));
    for (const flag of flags) expect(flag.message.length, flag.code).toBeGreaterThan(40);
  });

  describe('healed claimed but the verified date is under 56 days after the last session', () => {
    it('fires for a photo presented as healed whose camera date is 30 days on', () => {
      const photo = flagPhoto({ capturedAt: afterLast(30), claimedStage: 'healed', phash: far });
      const flags = only('healed-too-early', { photos: [photo, healed()] });
      expect(flags).toEqual([{ code: 'healed-too-early', photoId: photo.id, message: expect.stringMatching(/presented as healed.*2025-03-03 is only 30 days after the last session \(2025-02-01\).*at least 56 days/) }]);
    });

    it('fires when the declared day claims healed and the camera says 30 days', () => {
      const photo = flagPhoto({ capturedAt: afterLast(30), declaredCapturedAt: afterLast(70), phash: far });
      expect(only('healed-too-early', { photos: [photo, healed()] })).toHaveLength(1);
    });

    it('fires for a healed claim whose camera date is before the last session', () => {
      const photo = flagPhoto({ capturedAt: afterLast(-5), claimedStage: 'long-term', phash: far });
      expect(only('healed-too-early', { photos: [photo, healed()] })[0]!.message).toMatch(/5 days before the last session/);
    });

    it('does not fire at 56 days, without a healed claim, or without a camera date', () => {
      expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(56), claimedStage: 'healed' })] })).not.toContain('healed-too-early');
      expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(30), claimedStage: 'settling' }), healed()] })).not.toContain('healed-too-early');
      expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(30) }), healed()] })).not.toContain('healed-too-early');
      expect(codes({ photos: [declaredPhoto(afterLast(30), { claimedStage: 'healed' }), healed()] })).not.toContain('healed-too-early');
    });
  });

  describe('declared and EXIF dates more than 2 days apart', () => {
    it('fires at 3 days apart, either way', () => {
      for (const declared of [afterLast(93), afterLast(87)]) {
        const photo = flagPhoto({ declaredCapturedAt: declared });
        expect(only('date-mismatch', { photos: [photo] })).toEqual([{ code: 'date-mismatch', photoId: photo.id, message: expect.stringMatching(/declared as taken on .* camera date is 2025-05-02 \(3 days apart\)/) }]);
      }
    });

    it('does not fire at 2 days apart, nor with only one of the two dates', () => {
      expect(codes({ photos: [flagPhoto({ declaredCapturedAt: afterLast(92) })] })).toEqual([]);
      expect(codes({ photos: [flagPhoto(), declaredPhoto(afterLast(10), { phash: far })] })).toEqual([]);
    });
  });

  describe('no verified healed photo', () => {
    it('fires when healed photos are only declared, saying so', () => {
      const flags = only('no-verified-healed-photo', { photos: [declaredPhoto(afterLast(90))] });
      expect(flags).toEqual([{ code: 'no-verified-healed-photo', message: expect.stringMatching(/1 photo is dated 56\+ days after the last session \(2025-02-01\) only by a declared date/) }]);
      expect(flags[0]).not.toHaveProperty('photoId');
    });

    it('fires when no photo reaches 56 days', () => {
      const flags = only('no-verified-healed-photo', { photos: [flagPhoto({ capturedAt: afterLast(55) })] });
      expect(flags[0]!.message).toMatch(/no photo was taken 56 or more days after the last session/);
    });

    it('does not fire for a verified healed or long-term photo', () => {
      expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(56) })] })).toEqual([]);
      expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(400), uploadedAt: '2026-06-01T00:00:00.000Z' })] })).toEqual([]);
    });
  });

  describe('consent', () => {
    it('fires consent-missing without consent or without the attestation', () => {
      expect(codes({ submission: { consent: null } })).toEqual(['consent-missing']);
      expect(codes({ submission: { consent: { recordedAt: '2025-01-10', attested: false } } })).toEqual(['consent-missing']);
    });

    it('fires consent-expired once the expiry day has passed, not on it', () => {
      const yesterday = new Date(testNow.getTime() - 86_400_000).toISOString().slice(0, 10);
      const today = testNow.toISOString().slice(0, 10);
      expect(only('consent-expired', { submission: { consent: { recordedAt: '2025-01-10', expiresAt: yesterday, attested: true } } })).toEqual([
        { code: 'consent-expired', message: `The client's consent expired on ${yesterday}: it must be renewed before the case can be published.` },
      ]);
      expect(codes({ submission: { consent: { recordedAt: '2025-01-10', expiresAt: today, attested: true } } })).toEqual([]);
      expect(codes({ submission: { consent: { recordedAt: '2025-01-10', attested: true } } })).toEqual([]);
    });
  });

  describe('low resolution', () => {
    it('fires under 1200 px on the original short side, not at 1200', () => {
      const small = flagPhoto({ originalShortSide: 1199 });
      expect(computeFlags(flagInput({ photos: [small] }))).toEqual([{ code: 'low-resolution', photoId: small.id, message: expect.stringMatching(/1199 px on its short side, under 1200 px/) }]);
      expect(codes({ photos: [flagPhoto({ originalShortSide: 1200 })] })).toEqual([]);
    });
  });

  describe('near-duplicates', () => {
    it('flags a possible stolen photo within 8 bits of another practitioner\'s photo, pointing the moderator to it', () => {
      const photo = flagPhoto();
      const theirs = otherPhoto({ phash: phash(8), submissionId: 'BenSubmission000000001' });
      expect(computeFlags(flagInput({ photos: [photo], others: [theirs] }))).toEqual([
        { code: 'possible-stolen-photo', photoId: photo.id, relatedSubmissionId: 'BenSubmission000000001', message: expect.stringMatching(/8 of 64 hash bits differ\) to a photo in another practitioner's case: it may have been taken/) },
      ]);
    });

    it('does not flag at 9 bits', () => {
      expect(codes({ photos: [flagPhoto()], others: [otherPhoto({ phash: phash(9) })] })).toEqual([]);
    });

    it('flags the same photo in another of this practitioner\'s cases as a duplicate, not as stolen', () => {
      const photo = flagPhoto();
      const flags = computeFlags(flagInput({ photos: [photo], others: [otherPhoto({ practitionerSlug: 'ana-ribeiro', phash: phash(0) })] }));
      expect(flags).toEqual([{ code: 'duplicate-of-own-case', photoId: photo.id, relatedSubmissionId: 'OtherSubmission00000001', message: expect.stringMatching(/another of this practitioner's cases \(submission OtherSubmission00000001, pending\).*one photo must not illustrate two clients/) }]);
    });

    it('reports the nearest match once per kind', () => {
      const photo = flagPhoto();
      const flags = computeFlags(flagInput({ photos: [photo], others: [otherPhoto({ phash: phash(6) }), otherPhoto({ phash: phash(2), submissionId: 'Nearest000000000000000' })] }));
      expect(flags).toHaveLength(1);
      expect(flags[0]!.relatedSubmissionId).toBe('Nearest000000000000000');
    });
  });

  describe('capture date after upload', () => {
    it('fires when the capture day is later than any time zone\'s day at upload', () => {
      const photo = flagPhoto({ capturedAt: '2025-06-03', exifCapturedDay: '2025-06-03', uploadedAt: '2025-06-01T12:00:00.000Z' });
      expect(only('captured-after-upload', { photos: [photo] })).toEqual([{ code: 'captured-after-upload', photoId: photo.id, message: expect.stringMatching(/camera date\) is after it was uploaded on 2025-06-01/) }]);
      const declared = declaredPhoto('2025-06-03', { uploadedAt: '2025-06-01T12:00:00.000Z' });
      expect(only('captured-after-upload', { photos: [declared, healed()] })[0]!.message).toMatch(/declared date/);
    });

    it('does not fire for the next day in a time zone ahead of UTC', () => {
      // 12:00 UTC is already 02:00 the next day in UTC+14.
      expect(codes({ photos: [flagPhoto({ capturedAt: '2025-06-02', exifCapturedDay: '2025-06-02', uploadedAt: '2025-06-01T12:00:00.000Z' })] })).toEqual([]);
    });
  });
});
