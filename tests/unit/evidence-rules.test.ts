import { describe, expect, it } from 'vitest';
import { decideEvidence, evidenceStatement, publicEvidence, signedMoment, type C2paFindings } from '../../src/lib/evidence/index.ts';
import { readFileMetadata } from '../../src/lib/evidence/node.ts';
import { jpeg } from '../factories/photos.ts';

const capture = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture';
const generative = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
/** Credentials as a Pixel Camera writes them: trusted signer, a capture, a trusted timestamp. */
function signedCapture(overrides: Partial<Extract<C2paFindings, { state: 'read' }>> = {}): C2paFindings {
  return {
    state: 'read', validationState: 'Trusted', failures: [], signerTrusted: true, signer: 'Pixel Camera', issuer: 'Google LLC',
    timestamp: '2025-03-14T09:12:00+00:00', generator: 'Pixel Camera',
    actions: [{ action: 'c2pa.created', digitalSourceType: capture, when: '2025-03-14T10:11:58+01:00' }], ...overrides,
  };
}
const none = { software: [] };

describe('decideEvidence', () => {
  it('signed-capture: trusted credentials recording a capture and no edit, dated by the signature', () => {
    const evidence = decideEvidence({ c2pa: signedCapture(), metadata: none });
    expect(evidence).toMatchObject({ level: 'signed-capture', signer: 'Pixel Camera', credentials: 'trusted', signedDay: '2025-03-14', signedAt: '2025-03-14T09:12:00.000Z' });
    expect(evidenceStatement(evidence, evidence.signedDay!)).toBe('Signed at capture by Pixel Camera, 2025-03-14');
  });

  it('a capture signed by an untrusted signer is not signed-capture; the EXIF date makes it camera-original', () => {
    const evidence = decideEvidence({ c2pa: signedCapture({ signerTrusted: false, validationState: 'Valid', failures: ['signingCredential.untrusted'] }), metadata: none, exifCapturedDay: '2025-03-14' });
    expect(evidence).toMatchObject({ level: 'camera-original', credentials: 'untrusted' });
    expect(evidence.reasons.join(' ')).toMatch(/not on the trust list/);
  });

  it('an edit recorded after the signed capture makes it edited, naming the tool', () => {
    const evidence = decideEvidence({ c2pa: signedCapture({ actions: [{ action: 'c2pa.created', digitalSourceType: capture }, { action: 'c2pa.color_adjustments', softwareAgent: 'Adobe Lightroom 7.2' }] }), metadata: none });
    expect(evidence).toMatchObject({ level: 'edited', tool: 'Adobe Lightroom' });
    expect(evidenceStatement(evidence, '2025-03-14')).toBe('Edited in Adobe Lightroom');
  });

  it('generative AI is edited with ai: true', () => {
    const evidence = decideEvidence({ c2pa: signedCapture({ actions: [{ action: 'c2pa.created', digitalSourceType: generative }] }), metadata: none });
    expect(evidence).toMatchObject({ level: 'edited', ai: true });
    expect(evidence.reasons[0]).toMatch(/generative AI/);
    expect(publicEvidence(evidence)).toEqual({ level: 'edited', reasons: evidence.reasons, signer: 'Pixel Camera', ai: true });
  });

  it('camera-original: an EXIF date and no sign of editing; declared: no date at all', () => {
    expect(decideEvidence({ c2pa: { state: 'absent' }, metadata: { software: ['HDR+ 1.0.641377693z'] }, exifCapturedDay: '2025-01-02' }).level).toBe('camera-original');
    const declared = decideEvidence({ c2pa: { state: 'absent' }, metadata: none });
    expect(declared.level).toBe('declared');
    expect(evidenceStatement(declared, '2025-01-02')).toBe('Date given by the practitioner, not checked');
  });

  it('a ModifyDate more than an hour after DateTimeOriginal is an edit; seconds later is not', () => {
    const later = decideEvidence({ c2pa: { state: 'absent' }, metadata: { software: [], dateTimeOriginal: '2025:01:02 10:00:00', modifyDate: '2025:01:09 18:00:00' }, exifCapturedDay: '2025-01-02' });
    expect(later.level).toBe('edited');
    expect(later.reasons[0]).toMatch(/modified 7 days after it was taken/);
    expect(decideEvidence({ c2pa: { state: 'absent' }, metadata: { software: [], dateTimeOriginal: '2025:01:02 10:00:00', modifyDate: '2025:01:02 10:00:03' }, exifCapturedDay: '2025-01-02' }).level).toBe('camera-original');
  });

  it('reads the signed day on the capture clock, falling back to the timestamp', () => {
    expect(signedMoment('2025-03-14T23:30:00Z', '2025-03-15T00:29:00+01:00')?.day).toBe('2025-03-15');
    expect(signedMoment('2025-03-14T23:30:00Z', undefined)).toEqual({ at: '2025-03-14T23:30:00.000Z', day: '2025-03-14' });
    expect(signedMoment(undefined, undefined)).toBeUndefined();
  });
});

describe('editing signs in real files (EXIF and XMP written the way exiftool and editors write them)', () => {
  const exifDay = '2025-01-02';
  const decide = async (bytes: Buffer) => decideEvidence({ c2pa: { state: 'absent' }, metadata: await readFileMetadata(bytes), exifCapturedDay: exifDay });

  it('a Software tag naming an editor', async () => {
    const evidence = await decide(await jpeg({ exifDate: '2025:01:02 10:00:00', software: 'Adobe Photoshop 25.0 (Windows)' }));
    expect(evidence).toMatchObject({ level: 'edited', tool: 'Adobe Photoshop' });
  });

  it('a shifted ModifyDate', async () => {
    const evidence = await decide(await jpeg({ exifDate: '2025:01:02 10:00:00', modifyDate: '2025:02:20 16:30:00' }));
    expect(evidence.level).toBe('edited');
    expect(evidence.reasons[0]).toMatch(/ModifyDate 2025:02:20 16:30:00/);
  });

  it('an XMP CreatorTool naming a retouching app', async () => {
    expect(await decide(await jpeg({ exifDate: '2025:01:02 10:00:00', creatorTool: 'Facetune2 2.31' }))).toMatchObject({ level: 'edited', tool: 'Facetune' });
  });

  it('a plain camera file stays camera-original', async () => {
    expect((await decide(await jpeg({ exifDate: '2025:01:02 10:00:00' }))).level).toBe('camera-original');
  });
});
