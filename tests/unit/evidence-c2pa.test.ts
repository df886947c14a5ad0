import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvidenceLevel } from '../../src/lib/evidence/index.ts';
import { createC2paReader, createEvidenceAssessor } from '../../src/lib/evidence/node.ts';

/** The c2pa-rs fixtures (tests/fixtures/c2pa/README.md), read through the real worker-thread reader. */
const fixtures = path.resolve('tests/fixtures/c2pa');
const withTestAnchors = createEvidenceAssessor({ trustAnchorsFile: path.join(fixtures, 'test-trust-anchors.pem') });
const withOfficialList = createEvidenceAssessor({ trustAnchorsFile: path.resolve('trust-anchors/C2PA-TRUST-LIST.pem') });
afterAll(() => Promise.all([withTestAnchors.close(), withOfficialList.close()]));

const assess = (file: string, assessor = withTestAnchors) =>
  assessor.assess(readFileSync(path.join(fixtures, file)), { mime: 'image/jpeg', exifCapturedDay: '2024-08-06' });

describe('evidence of the C2PA fixtures', () => {
  const expected: [string, EvidenceLevel, string, RegExp][] = [
    ['C.jpg', 'edited', 'trusted', /c2pa\.drawing/],
    ['CA.jpg', 'edited', 'trusted', /c2pa\.color_adjustments/],
    ['XCA.jpg', 'edited', 'trusted', /pixels were changed after its Content Credentials were signed/],
    ['E-sig-CA.jpg', 'edited', 'invalid', /signature of its Content Credentials is invalid \(claimSignature\.mismatch\)/],
    ['verify.jpeg', 'edited', 'untrusted', /c2pa\.edited in Adobe Photoshop/],
    ['cloud.jpg', 'edited', 'unreadable', /stored on a remote server.*not checked/],
    ['no_manifest.jpg', 'edited', 'none', /names Adobe Photoshop as the software that saved it/],
  ];
  for (const [file, level, credentials, reason] of expected) {
    it(`${file}: ${level}, credentials ${credentials}`, async () => {
      const evidence = await assess(file);
      expect(evidence.level).toBe(level);
      expect(evidence.credentials).toBe(credentials);
      expect(evidence.reasons.join(' ')).toMatch(reason);
    });
  }

  it('names the tool and the signer', async () => {
    expect(await assess('verify.jpeg')).toMatchObject({ tool: 'Adobe Photoshop', signer: 'cai-prod' });
    expect(await assess('no_manifest.jpg')).toMatchObject({ tool: 'Adobe Photoshop' });
    expect(await assess('C.jpg')).toMatchObject({ signer: 'C2PA Signer' });
  });

  it('does not trust the test signers with the official C2PA trust list', async () => {
    const evidence = await assess('C.jpg', withOfficialList);
    expect(evidence.credentials).toBe('untrusted');
    expect(evidence.reasons.join(' ')).toMatch(/signed by C2PA Signer, which is not on the trust list/);
  });

  it('reads several photos at once through the one worker, each with its own answer', async () => {
    const levels = await Promise.all(['CA.jpg', 'no_manifest.jpg', 'XCA.jpg', 'cloud.jpg'].map((f) => assess(f).then((e) => e.credentials)));
    expect(levels).toEqual(['trusted', 'none', 'trusted', 'unreadable']);
  });

  it('abandons a read that takes longer than its bound (its worker is ended) and never touches the caller\'s bytes', async () => {
    const trustAnchors = readFileSync(path.join(fixtures, 'test-trust-anchors.pem'), 'utf8');
    // 1 ms is less than the worker needs to start: the first read is abandoned, its worker ended.
    const hasty = createC2paReader({ trustAnchors, timeoutMs: 1 });
    const patient = createC2paReader({ trustAnchors });
    try {
      const bytes = readFileSync(path.join(fixtures, 'CA.jpg'));
      expect(await hasty.read(bytes, 'image/jpeg')).toEqual({ state: 'unreadable', error: 'reading took longer than 0.001 s and was stopped' });
      expect(await patient.read(bytes, 'image/jpeg')).toMatchObject({ state: 'read', signerTrusted: true });
      // The caller's bytes are untouched: the reader works on a copy.
      expect(bytes.length).toBe(166864);
    } finally {
      await Promise.all([hasty.close(), patient.close()]);
    }
  });

  it('turns a missing trust-anchor file into a reason, never a failed upload', async () => {
    const broken = createEvidenceAssessor({ trustAnchorsFile: path.join(fixtures, 'missing.pem') });
    try {
      const evidence = await broken.assess(readFileSync(path.join(fixtures, 'CA.jpg')), { mime: 'image/jpeg', exifCapturedDay: '2024-08-06' });
      expect(evidence.credentials).toBe('unreadable');
      expect(evidence.reasons.join(' ')).toMatch(/C2PA_TRUST_ANCHORS: cannot read .*missing\.pem/);
    } finally {
      await broken.close();
    }
  });
});
