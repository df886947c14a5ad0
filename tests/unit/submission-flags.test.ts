import { describe, expect, it } from 'vitest';
import { computeFlags, flagCodes, type FlagCode } from '../../src/lib/submissions/flags.ts';
import { afterLast, declaredPhoto, flagInput, flagPhoto, publishedCopy, submittedCopy, testNow } from '../factories/submissions.ts';

type Input = Parameters<typeof flagInput>[0];
const codes = (overrides: Input = {}) => computeFlags(flagInput(overrides)).map((f) => f.code);
const only = (code: FlagCode, overrides: Input) => computeFlags(flagInput(overrides)).filter((f) => f.code === code);
/** A photo that keeps the case's verified healed photo, so only the flag under test can fire. */
const healed = () => flagPhoto();

describe('computeFlags', () => {
  it('finds nothing to flag in a clean case', () => {
    expect(computeFlags(flagInput())).toEqual([]);
  });

  it('has a message a moderator can act on for every code', () => {
    const before = flagPhoto({ capturedAt: afterLast(-30), view: 'top' });
    const flags = computeFlags(flagInput({
      submission: { consent: null, caseId: 'ana-ribeiro-aa-1', clientAnswer: { decision: 'decline', message: 'Not me.', answeredAt: '2025-06-02T10:00:00.000Z' } },
      photos: [
        before,
        declaredPhoto(afterLast(200), { copies: [publishedCopy({ practitionerSlug: 'ana-ribeiro', caseId: 'ana-ribeiro-aa-1', file: 'hairline-1.jpg' })] }),
        declaredPhoto(afterLast(90), { originalShortSide: 900, uploadedAt: '2025-01-01T00:00:00Z', copies: [submittedCopy()] }),
        flagPhoto({ claimedStage: 'healed', capturedAt: afterLast(30), declaredCapturedAt: afterLast(60), copies: [submittedCopy({ practitionerSlug: 'ana-ribeiro' })] }),
        flagPhoto({ evidence: { level: 'edited', reasons: ['Its metadata names Adobe Photoshop.'], tool: 'Adobe Photoshop', credentials: 'invalid' }, copies: [{ distance: 1, owner: { kind: 'submission', practitionerSlug: 'ana-ribeiro', submissionId: 'ThisSubmission00000001', photoId: before.id, status: 'draft', view: 'top', stage: 'before', capturedAt: before.capturedAt } }] }),
        flagPhoto({ evidence: { level: 'edited', reasons: ['AI.'], ai: true, credentials: 'trusted' } }),
      ],
    }));
    expect(new Set(flags.map((f) => f.code))).toEqual(new Set(flagCodes.filter((c) => c !== 'consent-expired')));
    for (const flag of flags) expect(flag.message.length, flag.code).toBeGreaterThan(40);
  });

  describe('healed claimed but the verified date is under 56 days after the last session', () => {
    it('fires for a photo presented as healed whose camera date is 30 days on', () => {
      const photo = flagPhoto({ capturedAt: afterLast(30), claimedStage: 'healed' });
      const flags = only('healed-too-early', { photos: [photo, healed()] });
      expect(flags).toEqual([{ code: 'healed-too-early', photoId: photo.id, message: expect.stringMatching(/presented as healed.*2025-03-03 is only 30 days after the last session \(2025-02-01\).*at least 56 days/) }]);
    });

    it('fires when the declared day claims healed and the camera says 30 days', () => {
      const photo = flagPhoto({ capturedAt: afterLast(30), declaredCapturedAt: afterLast(70) });
      expect(only('healed-too-early', { photos: [photo, healed()] })).toHaveLength(1);
    });

    it('fires for a healed claim whose camera date is before the last session', () => {
      const photo = flagPhoto({ capturedAt: afterLast(-5), claimedStage: 'long-term' });
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
      expect(codes({ photos: [flagPhoto(), declaredPhoto(afterLast(10), {})] })).toEqual([]);
    });
  });

  describe('no verified healed photo', () => {
    it('fires when healed photos are only declared, saying so', () => {
      const flags = only('no-verified-healed-photo', { photos: [declaredPhoto(afterLast(90))] });
      expect(flags).toEqual([{ code: 'no-verified-healed-photo', message: expect.stringMatching(/1 photo is dated 56\+ days after the last session \(2025-02-01\), 1 only by a declared date/) }]);
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

  describe('copies found in the shared index', () => {
    it('flags a copy of another practitioner\'s published photo, naming the case and the file', () => {
      const photo = flagPhoto({ copies: [publishedCopy({}, 4)] });
      expect(computeFlags(flagInput({ photos: [photo] }))).toEqual([
        { code: 'possible-stolen-photo', photoId: photo.id, message: expect.stringMatching(/copy \(4 of 64 hash bits differ at the best crop\) of the photo 03-healed-top\.jpg in ben-carter's published case \/cases\/ben-carter-mpb-1\/: it may have been taken/) },
      ]);
    });

    it('flags a copy of another practitioner\'s submitted photo, naming that submission to the moderator only', () => {
      const photo = flagPhoto({ copies: [submittedCopy({ submissionId: 'BenSubmission000000001' }, 6)] });
      const [flag] = computeFlags(flagInput({ photos: [photo] }));
      expect(flag).toEqual({ code: 'possible-stolen-photo', photoId: photo.id, relatedSubmissionId: 'BenSubmission000000001', message: expect.stringMatching(/top photo dated 2024-11-02 in another practitioner's case \(pending\)/) });
      expect(flag!.message).not.toContain('BenSubmission000000001');
    });

    it('ignores other practitioners\' drafts (work in progress)', () => {
      expect(codes({ photos: [flagPhoto({ copies: [submittedCopy({ status: 'draft' })] })] })).toEqual([]);
    });

    it('flags the same photo in another of this practitioner\'s cases as a duplicate, not as stolen', () => {
      const photo = flagPhoto({ copies: [publishedCopy({ practitionerSlug: 'ana-ribeiro', caseId: 'ana-ribeiro-mpb-2', file: '02-healed-hairline.jpg' })] });
      expect(computeFlags(flagInput({ photos: [photo] }))).toEqual([{ code: 'duplicate-of-own-case', photoId: photo.id, message: expect.stringMatching(/photo 02-healed-hairline\.jpg of this practitioner's published case \/cases\/ana-ribeiro-mpb-2\/: one photo must not illustrate two clients/) }]);
      const submitted = flagPhoto({ copies: [submittedCopy({ practitionerSlug: 'ana-ribeiro', submissionId: 'AnaOther00000000000001', status: 'live' })] });
      expect(computeFlags(flagInput({ photos: [submitted] }))[0]).toMatchObject({ code: 'duplicate-of-own-case', relatedSubmissionId: 'AnaOther00000000000001', message: expect.stringMatching(/submission AnaOther00000000000001, live/) });
    });

    it('reports the nearest copy once per kind', () => {
      const photo = flagPhoto({ copies: [submittedCopy({ submissionId: 'Nearest000000000000000' }, 1), submittedCopy({}, 6)] });
      const flags = computeFlags(flagInput({ photos: [photo] }));
      expect(flags).toHaveLength(1);
      expect(flags[0]!.relatedSubmissionId).toBe('Nearest000000000000000');
    });

    it('flags a fresh photo reused as healed in the same case, once, on the later photo', () => {
      const fresh = flagPhoto({ capturedAt: afterLast(5) });
      const copyOf = (p: typeof fresh) => ({ distance: 1, owner: { kind: 'submission' as const, practitionerSlug: 'ana-ribeiro', submissionId: 'ThisSubmission00000001', photoId: p.id, status: 'draft', view: p.view, stage: 'fresh' as const, capturedAt: p.capturedAt } });
      const reused = flagPhoto({ capturedAt: afterLast(90), claimedStage: 'healed', copies: [copyOf(fresh)] });
      fresh.copies = [copyOf(reused)];
      const flags = computeFlags(flagInput({ photos: [fresh, reused] }));
      expect(flags).toEqual([{ code: 'reused-across-stages', photoId: reused.id, message: expect.stringMatching(/dated 2025-05-02 \(healed\) is the same picture \(1 of 64 hash bits differ at the best crop\) as the hairline photo dated 2025-02-06 \(fresh\) in this case/) }]);
    });

    it('does not flag two near-identical photos of the same stage in one case', () => {
      const first = flagPhoto();
      const second = flagPhoto({ copies: [{ distance: 0, owner: { kind: 'submission', practitionerSlug: 'ana-ribeiro', submissionId: 'ThisSubmission00000001', photoId: first.id, status: 'draft', view: 'hairline', stage: 'healed', capturedAt: first.capturedAt } }] });
      expect(codes({ photos: [first, second] })).toEqual([]);
    });
  });

  describe('what the file proves', () => {
    it('flags an edited photo, naming the tool and why', () => {
      const photo = flagPhoto({ evidence: { level: 'edited', tool: 'Facetune', reasons: ['Its metadata names Facetune as the software that saved it ("Facetune2").'], credentials: 'none' } });
      expect(computeFlags(flagInput({ photos: [photo, healed()] }))).toEqual([
        { code: 'edited', photoId: photo.id, message: expect.stringMatching(/edited in Facetune: Its metadata names Facetune.*unedited original/) },
      ]);
    });

    it('flags generative AI as ai-generated (not also as edited), and an invalid signature', () => {
      const ai = flagPhoto({ evidence: { level: 'edited', ai: true, reasons: ['AI'], credentials: 'trusted' } });
      const broken = flagPhoto({ evidence: { level: 'camera-original', reasons: ['x'], credentials: 'invalid', signer: 'C2PA Signer' } });
      expect(computeFlags(flagInput({ photos: [ai, broken, healed()] })).map((f) => [f.code, f.photoId])).toEqual([['ai-generated', ai.id], ['signature-invalid', broken.id]]);
    });

    it('does not count an edited healed photo as verified', () => {
      const edited = flagPhoto({ evidence: { level: 'edited', tool: 'Adobe Lightroom', reasons: ['x'], credentials: 'none' } });
      expect(only('no-verified-healed-photo', { photos: [edited] })[0]!.message).toMatch(/1 photo is dated 56\+ days after the last session \(2025-02-01\), 1 edited/);
    });

    it('compares a declared day with a signed capture day', () => {
      const photo = flagPhoto({ dateFrom: 'signed', exifCapturedDay: null, declaredCapturedAt: afterLast(95), evidence: { level: 'signed-capture', reasons: ['x'], credentials: 'trusted', signer: 'Pixel Camera', signedDay: afterLast(90) } });
      expect(only('date-mismatch', { photos: [photo] })[0]!.message).toMatch(/signed capture date is 2025-05-02 \(5 days apart\)/);
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

describe('follow-ups and client answers', () => {
  /** A photo uploaded years after the treatment, as a follow-up's are. */
  const later = (days: number, overrides: Parameters<typeof flagPhoto>[0] = {}) => flagPhoto({ capturedAt: afterLast(days), uploadedAt: '2028-06-01T12:00:00.000Z', ...overrides });
  const followUp = (photos: ReturnType<typeof flagPhoto>[], touchUps: string[] = []) =>
    computeFlags(flagInput({ submission: { kind: 'follow-up', caseId: 'ana-ribeiro-mpb-1', touchUps }, photos }));

  it('asks no healed photo of a follow-up: its case already shows the result', () => {
    expect(followUp([later(800)])).toEqual([]);
    expect(codes({ photos: [flagPhoto({ capturedAt: afterLast(5) })] })).toContain('no-verified-healed-photo');
    expect(followUp([later(5)]).map((f) => f.code)).not.toContain('no-verified-healed-photo');
  });

  it('counts "healed too early" from a touch-up before the photo', () => {
    const touchUp = afterLast(700);
    const early = later(720, { claimedStage: 'healed' });
    expect(followUp([early], [touchUp])).toEqual([{ code: 'healed-too-early', photoId: early.id, message: expect.stringMatching(/only 20 days after the last session \(\d{4}-\d{2}-\d{2}\)/) }]);
    expect(followUp([later(800, { claimedStage: 'healed' })], [touchUp])).toEqual([]);
  });

  it('flags a follow-up photo that repeats one its live case already shows, and nothing else about it', () => {
    const photo = later(800, { copies: [publishedCopy({ practitionerSlug: 'ana-ribeiro', caseId: 'ana-ribeiro-mpb-1', file: 'hairline-2.jpg' }, 3)] });
    expect(followUp([photo])).toEqual([{ code: 'repeats-case-photo', photoId: photo.id, message: expect.stringMatching(/same picture \(3 of 64 hash bits differ at the best crop\) as hairline-2\.jpg, already published in this case/) }]);
  });

  it('flags a case whose client declined, with their message, and nothing for a confirmation', () => {
    const declined = computeFlags(flagInput({ submission: { clientAnswer: { decision: 'decline', message: 'These are not my dates.', answeredAt: '2025-06-02T10:00:00.000Z' } } }));
    expect(declined).toEqual([{ code: 'client-declined', message: expect.stringMatching(/declined through their link on 2025-06-02.*“These are not my dates\.”/) }]);
    expect(computeFlags(flagInput({ submission: { clientAnswer: { decision: 'confirm', message: '', answeredAt: '2025-06-02T10:00:00.000Z' } } }))).toEqual([]);
  });
});
