/**
 * Evidence and copies end to end (issue 9), against the built server on the shipped content:
 * what an upload answers about its file (C2PA fixtures read with the test trust anchors named by
 * C2PA_TRUST_ANCHORS, an EXIF edit), and the flags a submit raises for copies of published demo
 * photos, copies between submissions and a fresh photo reused as healed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alterPhoto } from '../../src/lib/images/bench-support.ts';
import { signedJpeg, testSignerName, testSignerRoot } from '../factories/c2pa.ts';
import { jpeg } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import { demoClient, type Who } from '../helpers/demo-client.ts';
import { repoRoot, shippedPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const { signIn, request, postJson } = demoClient(() => server);
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'tests/fixtures/c2pa', name));

interface PhotoAnswer { id: string; capturedAt: string; dateSource: string; stage: string; evidence: { level: string; reasons: string[]; tool?: string; signer?: string; ai?: boolean } }
interface Flag { code: string; message: string; photoId?: string }

async function createDraft(who: Who = 'ana'): Promise<string> {
  const response = await postJson(who, '/api/submissions', submissionBody());
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function upload(id: string, bytes: Uint8Array, fields: Record<string, string>, who: Who = 'ana'): Promise<PhotoAnswer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await request(who, 'POST', `/api/submissions/${id}/photos`, { body: form });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PhotoAnswer;
}

async function submit(id: string, who: Who = 'ana'): Promise<Flag[]> {
  const response = await postJson(who, `/api/submissions/${id}/submit`, {});
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { flags: Flag[] }).flags;
}

/** A published demo photo of ben-carter's (not ana's): its case id, file name and master bytes. */
function bensPublishedPhoto(): { caseId: string; file: string; bytes: Buffer } {
  const casesDir = path.join(shippedPortfolios, 'ben-carter', 'cases');
  const caseId = readdirSync(casesDir).sort()[0]!;
  const data = parse(readFileSync(path.join(casesDir, caseId, 'case.yaml'), 'utf8')) as { photos: { file: string }[] };
  const file = data.photos.at(-1)!.file;
  return { caseId, file, bytes: readFileSync(path.join(casesDir, caseId, file)) };
}

// The server trusts the c2pa-rs test signers and the test camera of tests/factories/c2pa.ts.
const anchorsDir = mkdtempSync(path.join(tmpdir(), 'healed-anchors-'));
const anchorsFile = path.join(anchorsDir, 'anchors.pem');

beforeAll(async () => {
  writeFileSync(anchorsFile, `${readFileSync(path.join(repoRoot, 'tests/fixtures/c2pa/test-trust-anchors.pem'), 'utf8')}\n${testSignerRoot}`);
  server = await startServer({ env: { C2PA_TRUST_ANCHORS: anchorsFile } });
  await signIn('ana', 'ben');
});
afterAll(async () => {
  await server?.stop();
  rmSync(anchorsDir, { recursive: true, force: true });
});

describe('what an upload says about its file', () => {
  it('dates a photo signed at capture by a trusted camera from its signature, and it counts as a verified healed photo', async () => {
    const id = await createDraft();
    const photo = await upload(id, await signedJpeg(await jpeg({ width: 1600, height: 1200, seed: 400 }), { when: `${afterLast(90)}T10:00:00+02:00` }), { view: 'hairline' });
    expect(photo).toMatchObject({ dateSource: 'signed', capturedAt: afterLast(90), stage: 'healed', evidence: { level: 'signed-capture', signer: testSignerName } });
    expect(photo.evidence.reasons[0]).toBe(`Signed at capture by ${testSignerName} on ${afterLast(90)}, with no edit recorded since.`);
    expect(await submit(id)).toEqual([]);
  });

  it('reads Content Credentials with the trust anchors C2PA_TRUST_ANCHORS names: a trusted signer, an edit recorded', async () => {
    const photo = await upload(await createDraft(), fixture('C.jpg'), { view: 'top', capturedAt: afterLast(90) });
    expect(photo.evidence).toMatchObject({ level: 'edited', signer: 'C2PA Signer' });
    expect(photo.evidence.reasons.join(' ')).toMatch(/record the edit c2pa\.drawing/);
    // With the test roots trusted, nothing says the signer is unknown.
    expect(photo.evidence.reasons.join(' ')).not.toMatch(/not on the trust list/);
    expect(photo).toMatchObject({ dateSource: 'declared', stage: 'healed' });
  });

  it('names Photoshop for a photo whose credentials record 13 edits, and the untrusted signer', async () => {
    const photo = await upload(await createDraft(), fixture('verify.jpeg'), { view: 'top', capturedAt: afterLast(90) });
    expect(photo.evidence).toMatchObject({ level: 'edited', tool: 'Adobe Photoshop', signer: 'cai-prod' });
    expect(photo.evidence.reasons.join(' ')).toMatch(/cai-prod, which is not on the trust list/);
  });

  it('makes a camera photo saved by an editor edited, and flags it at submit', async () => {
    const id = await createDraft();
    const photo = await upload(id, await jpeg({ width: 1600, height: 1200, seed: 401, exifDate: `${afterLast(90).replaceAll('-', ':')} 10:00:00`, software: 'Adobe Photoshop 25.0 (Windows)' }), { view: 'hairline' });
    expect(photo).toMatchObject({ dateSource: 'exif', stage: 'healed', evidence: { level: 'edited', tool: 'Adobe Photoshop' } });
    const flags = await submit(id);
    expect(flags.map((f) => f.code).sort()).toEqual(['edited', 'no-verified-healed-photo']);
    expect(flags.find((f) => f.code === 'edited')).toMatchObject({ photoId: photo.id, message: expect.stringMatching(/edited in Adobe Photoshop/) });
  });
});

describe('copies found in the one index of published and submitted photos', () => {
  it('flags a published demo photo of another practitioner re-encoded, resized to 90 %, cropped 5 % a side or 8 % brighter', async () => {
    const published = bensPublishedPhoto();
    const alterations = [{ quality: 70 }, { scale: 0.9 }, { crop: { left: 0.05, right: 0.05, top: 0.05, bottom: 0.05 } }, { brightness: 1.08 }];
    for (const alteration of alterations) {
      const id = await createDraft();
      const photo = await upload(id, await alterPhoto(published.bytes, alteration), { view: 'top', capturedAt: afterLast(90) });
      const flags = await submit(id);
      expect(flags.find((f) => f.code === 'possible-stolen-photo'), JSON.stringify(alteration)).toEqual({
        code: 'possible-stolen-photo', photoId: photo.id,
        message: expect.stringContaining(`of the photo ${published.file} in ben-carter's published case /cases/${published.caseId}/`),
      });
    }
  });

  it('flags a crop of another practitioner\'s submitted photo', async () => {
    const original = await jpeg({ width: 1600, height: 1200, seed: 402 });
    const bens = await createDraft('ben');
    await upload(bens, original, { view: 'crown', capturedAt: afterLast(100) }, 'ben');
    await submit(bens, 'ben');
    const anas = await createDraft();
    const photo = await upload(anas, await alterPhoto(original, { crop: { left: 0.1, right: 0.03, top: 0.06, bottom: 0 } }), { view: 'crown', capturedAt: afterLast(100) });
    expect((await submit(anas)).find((f) => f.code === 'possible-stolen-photo')).toMatchObject({ photoId: photo.id, message: expect.stringMatching(/crown photo dated 2025-05-12 in another practitioner's case \(pending\)/) });
  });

  it('flags a fresh photo reused as healed in the same case (resized, 3 % brighter)', async () => {
    const id = await createDraft();
    const fresh = await jpeg({ width: 1600, height: 1200, seed: 403, exifDate: `${afterLast(5).replaceAll('-', ':')} 10:00:00` });
    const first = await upload(id, fresh, { view: 'top' });
    expect(first.stage).toBe('fresh');
    const reused = await upload(id, await alterPhoto(fresh, { scale: 0.95, brightness: 1.03 }), { view: 'top', capturedAt: afterLast(90), claimedStage: 'healed' });
    const flags = await submit(id);
    expect(flags.find((f) => f.code === 'reused-across-stages')).toEqual({
      code: 'reused-across-stages', photoId: reused.id,
      message: expect.stringMatching(new RegExp(`\\(healed\\) is the same picture .* as the top photo dated ${afterLast(5)} \\(fresh\\) in this case`)),
    });
  });
});
