import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEvidenceAssessor } from '../../src/lib/evidence/node.ts';
import { evidenceStatement } from '../../src/lib/evidence/index.ts';
import { generativeAi, signedJpeg, testSignerName, testSignerRootFile } from '../factories/c2pa.ts';
import { jpeg } from '../factories/photos.ts';

/** Photos signed right here by the test camera, read through the real worker-thread reader. */
const trusting = createEvidenceAssessor({ trustAnchorsFile: testSignerRootFile });
const officialList = createEvidenceAssessor({ trustAnchorsFile: path.resolve('trust-anchors/C2PA-TRUST-LIST.pem') });
afterAll(() => Promise.all([trusting.close(), officialList.close()]));
const facts = { mime: 'image/jpeg' };

describe('freshly signed captures', () => {
  it('signed-capture: a trusted signature over a camera capture and no edit, dated on the capture clock', async () => {
    const evidence = await trusting.assess(await signedJpeg(await jpeg({ seed: 61 }), { when: '2025-03-14T23:30:00-05:00' }), facts);
    expect(evidence).toMatchObject({ level: 'signed-capture', credentials: 'trusted', signer: testSignerName, signedDay: '2025-03-14', signedAt: '2025-03-15T04:30:00.000Z' });
    expect(evidenceStatement(evidence, evidence.signedDay!)).toBe(`Signed at capture by ${testSignerName}, 2025-03-14`);
  });

  it('edited when an edit is recorded after the capture, naming the app', async () => {
    const signed = await signedJpeg(await jpeg({ seed: 62 }), { edits: [{ action: 'c2pa.color_adjustments', softwareAgent: 'Adobe Lightroom 7.2' }] });
    expect(await trusting.assess(signed, facts)).toMatchObject({ level: 'edited', tool: 'Adobe Lightroom', credentials: 'trusted' });
  });

  it('edited with ai: true when the credentials say generative AI made it', async () => {
    const evidence = await trusting.assess(await signedJpeg(await jpeg({ seed: 63 }), { digitalSourceType: generativeAi }), facts);
    expect(evidence).toMatchObject({ level: 'edited', ai: true });
  });

  it('edited when the pixels change after signing (a byte of the image flipped)', async () => {
    const signed = await signedJpeg(await jpeg({ seed: 64 }));
    const tampered = Buffer.from(signed);
    tampered[tampered.length - 200] ^= 0xff;
    const evidence = await trusting.assess(tampered, facts);
    expect(evidence.level).toBe('edited');
    expect(evidence.reasons[0]).toMatch(/pixels were changed after its Content Credentials were signed/);
  });

  it('not signed-capture when the signer is not on the trust list in use: the EXIF date decides', async () => {
    const signed = await signedJpeg(await jpeg({ seed: 65, exifDate: '2025:05:01 10:00:00' }));
    const evidence = await officialList.assess(signed, { ...facts, exifCapturedDay: '2025-05-01' });
    expect(evidence).toMatchObject({ level: 'camera-original', credentials: 'untrusted' });
    expect(evidence.reasons.join(' ')).toMatch(`signed by ${testSignerName}, which is not on the trust list`);
  });
});
