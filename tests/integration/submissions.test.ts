/**
 * The submission flow over real HTTP against the built server: drafts, photo uploads (streamed,
 * ingested, hostile files refused leaving nothing behind), owner-only access, the private preview,
 * and submit with its automatic flags.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/lib/db/index.ts';
import { hostile, jpeg, mp4Trailer, zipTrailer, type HostileFile } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import { demoClient, type Who } from '../helpers/demo-client.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
const { signIn, request, postJson, cookie } = demoClient(() => server);




async function createDraft(who: Who = 'ana', overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await postJson(who, '/api/submissions', submissionBody(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function upload(who: Who, id: string, file: { bytes: Uint8Array; name?: string; type?: string }, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'image/jpeg' }), file.name ?? 'photo.jpg');
  return request(who, 'POST', `/api/submissions/${id}/photos`, { body: form, headers });
}

async function uploadOk(id: string, bytes: Uint8Array, fields: Record<string, string>, who: Who = 'ana'): Promise<PhotoAnswer> {
  const response = await upload(who, id, { bytes }, fields);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PhotoAnswer;
}

interface PhotoAnswer { id: string; capturedAt: string; dateSource: string; evidence: { level: string; reasons: string[]; tool?: string; signer?: string }; width: number; height: number; stage: string }
interface ErrorAnswer { error: { code: string; message: string; field?: string } }

/** Every file under a folder (temp files included: a leftover temp is a leftover). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function query<T>(sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(databaseFile(server.dataDir), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** What a refused upload must not leave: originals, masters, photo rows. */
function stored() {
  return {
    originals: filesUnder(path.join(server.dataDir, 'originals')).length,
    masters: filesUnder(path.join(server.dataDir, 'masters')).length,
    rows: query<{ n: number }>('SELECT count(*) AS n FROM submission_photos')[0]!.n,
  };
}

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const masterOf = (sha256: string) => path.join(server.dataDir, 'masters', sha256.slice(0, 2), `${sha256}.jpg`);
const photoRow = (id: string) => query<{ master_sha256: string; original_key: string }>('SELECT master_sha256, original_key FROM submission_photos WHERE id = ?', id)[0]!;

/** Photos: 1600 × 1200 (over the low-resolution threshold), each seed a different picture. */
const healedExifJpeg = (seed: number, extra: Parameters<typeof jpeg>[0] = {}) => jpeg({ width: 1600, height: 1200, seed, exifDate: '2025:05:01 10:00:00', ...extra });
const plainJpeg = (seed: number) => jpeg({ width: 1600, height: 1200, seed });

beforeAll(async () => {
  server = await startServer();
  await signIn('ana', 'ben', 'admin');
});
afterAll(() => server?.stop());

describe('drafts', () => {
  it('lets ana create a draft: 201 {id, status: draft} with its Location', async () => {
    const response = await postJson('ana', '/api/submissions', submissionBody());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; status: string };
    expect(body).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), status: 'draft' });
    expect(response.headers.get('location')).toBe(`/api/submissions/${body.id}`);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);

    const read = await request('ana', 'GET', `/api/submissions/${body.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: body.id, status: 'draft', practitionerSlug: 'ana-ribeiro', sessions: ['2025-01-10', '2025-02-01'], photos: [], flags: [], submittedAt: null });
    const list = (await (await request('ana', 'GET', '/api/submissions')).json()) as { submissions: { id: string }[] };
    expect(list.submissions.map((s) => s.id)).toContain(body.id);
  });

  it.each([
    ['treatment', { treatment: 'hair-transplant' }],
    ['profile.norwood', { profile: { norwood: 9, fitzpatrick: 'III' } }],
    ['sessions[1]', { sessions: ['2025-01-10', '2099-01-01'] }],
    ['consent.attested', { consent: { recordedAt: '2025-01-10', faceVisible: false, attested: false } }],
    ['price', { price: 1200 }],
    ['profile.age', { profile: { norwood: 4, fitzpatrick: 'II', age: 41 } }],
  ])('refuses a bad body with 400 naming %s', async (field, overrides) => {
    const response = await postJson('ana', '/api/submissions', submissionBody(overrides));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorAnswer;
    expect(error).toMatchObject({ code: 'invalid-request', field });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses JSON that does not parse (400) and other content types (415)', async () => {
    const broken = await request('ana', 'POST', '/api/submissions', { body: '{"treatment":', headers: { 'content-type': 'application/json' } });
    expect([broken.status, ((await broken.json()) as ErrorAnswer).error.code]).toEqual([400, 'invalid-json']);
    const form = await request('ana', 'POST', '/api/submissions', { body: 'treatment=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('answers 401 to anonymous callers and 403 to an admin writing', async () => {
    for (const [method, urlPath] of [['GET', '/api/submissions'], ['POST', '/api/submissions'], ['GET', '/api/submissions/AAAAAAAAAAAAAAAAAAAAAA'], ['POST', '/api/submissions/AAAAAAAAAAAAAAAAAAAAAA/photos'], ['GET', '/api/submissions/AAAAAAAAAAAAAAAAAAAAAA/photos/AAAAAAAAAAAAAAAAAAAAAA/preview']]) {
      const response = await request('anonymous', method!, urlPath!, method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {});
      expect(response.status, `${method} ${urlPath}`).toBe(401);
      expect(((await response.json()) as ErrorAnswer).error.code).toBe('unauthenticated');
    }
    expect((await postJson('admin', '/api/submissions', submissionBody())).status).toBe(403);
  });

  it('refuses a cross-site write with 403, creating nothing', async () => {
    const before = query<{ n: number }>('SELECT count(*) AS n FROM submissions')[0]!.n;
    const response = await postJson('ana', '/api/submissions', submissionBody(), { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorAnswer).error.code).toBe('bad-origin');
    const id = await createDraft();
    const photo = await upload('ana', id, { bytes: await plainJpeg(50) }, { view: 'top', capturedAt: '2025-01-05' }, { Origin: 'https://evil.example' });
    expect(photo.status).toBe(403);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM submissions')[0]!.n).toBe(before + 1);
  });

  it('records consent later with PATCH, and answers 404 for a malformed id', async () => {
    const id = await createDraft('ana', { consent: undefined });
    const patched = await request('ana', 'PATCH', `/api/submissions/${id}`, { body: JSON.stringify({ consent: { recordedAt: '2025-01-12', faceVisible: true, attested: true } }), headers: { 'content-type': 'application/json' } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id, consent: { recordedAt: '2025-01-12', faceVisible: true, attested: true } });
    for (const bad of ['x', '..%2F..%2Fhealed.db', 'AAAAAAAAAAAAAAAAAAAAA.']) expect((await request('ana', 'GET', `/api/submissions/${bad}`)).status).toBe(404);
  });
});

describe('photo uploads', () => {
  let draft: string;
  beforeAll(async () => {
    draft = await createDraft();
  });

  it('accepts an EXIF-dated JPEG: 201, dateSource exif, stage from the sessions', async () => {
    const photo = await uploadOk(draft, await healedExifJpeg(1), { view: 'hairline' });
    expect(photo).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), capturedAt: '2025-05-01', dateSource: 'exif', width: 1600, height: 1200, stage: 'healed',
      evidence: { level: 'camera-original', reasons: [expect.stringMatching(/camera's own metadata dates it 2025-05-01/)] },
    });
  });

  it('asks for capturedAt when the file has no EXIF date, storing nothing', async () => {
    const before = stored();
    const response = await upload('ana', draft, { bytes: await plainJpeg(2) }, { view: 'crown' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorAnswer;
    expect(error).toMatchObject({ code: 'captured-at-required', field: 'capturedAt' });
    expect(error.message).toMatch(/no capture date.*send capturedAt as YYYY-MM-DD/);
    expect(stored()).toEqual(before);
  });

  it('takes the declared capturedAt otherwise (dateSource declared), fields before or after the file', async () => {
    expect(await uploadOk(draft, await plainJpeg(3), { view: 'crown', capturedAt: '2025-01-05' })).toMatchObject({ capturedAt: '2025-01-05', dateSource: 'declared', stage: 'before' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await plainJpeg(4))], { type: 'image/jpeg' }), 'p.jpg');
    form.append('view', 'top');
    form.append('capturedAt', afterLast(20));
    const response = await request('ana', 'POST', `/api/submissions/${draft}/photos`, { body: form });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ capturedAt: afterLast(20), dateSource: 'declared', stage: 'settling' });
  });

  it('refuses bad fields with 400 naming them, keeping nothing', async () => {
    const before = stored();
    for (const [fields, field] of [[{ view: 'face', capturedAt: '2025-01-05' }, 'view'], [{ view: 'top', capturedAt: '05/01/2025' }, 'capturedAt'], [{ view: 'top', capturedAt: '2025-01-05', colour: 'x' }, 'colour'], [{ capturedAt: '2025-01-05' }, 'view']] as const) {
      const response = await upload('ana', draft, { bytes: await plainJpeg(5) }, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(((await response.json()) as ErrorAnswer).error.field).toBe(field);
    }
    expect(stored()).toEqual(before);
  });

  const hostileFiles: [string, number, string, () => HostileFile | Promise<HostileFile>][] = [
    ['zero bytes', 400, 'empty-file', hostile.zeroBytes],
    ['a truncated JPEG', 422, 'undecodable-image', hostile.truncatedJpeg],
    ['HTML named .jpg', 415, 'unsupported-type', hostile.htmlNamedJpg],
    ['an SVG with a script', 415, 'unsupported-type', hostile.svgWithScript],
    ['a 30000×30000 PNG', 413, 'too-many-pixels', hostile.hugePng],
    ['an animated GIF', 415, 'unsupported-type', hostile.animatedGif],
    ['a PDF', 415, 'unsupported-type', hostile.pdf],
    ['a HEIC photo', 415, 'heic-not-supported', hostile.heic],
  ];
  it.each(hostileFiles)('refuses %s with %i %s, stores nothing, and keeps serving', async (_name, status, code, make) => {
    const file = await make();
    const before = stored();
    const response = await upload('ana', draft, file, { view: 'top', capturedAt: '2025-01-05' });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const { error } = (await response.json()) as ErrorAnswer;
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(30);
    expect(stored()).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await request('ana', 'GET', `/api/submissions/${draft}`)).status).toBe(200);
  });

  it('says what to do for HEIC: export as JPEG', async () => {
    const response = await upload('ana', draft, hostile.heic(), { view: 'top', capturedAt: '2025-01-05' });
    expect(((await response.json()) as ErrorAnswer).error.message).toMatch(/Export the photo as JPEG/);
  });

  it('answers 413 to a body over 25 MB from its Content-Length, storing nothing', async () => {
    const before = stored();
    const response = await upload('ana', draft, { bytes: Buffer.alloc(26 * 1024 * 1024, 0xff) }, { view: 'top', capturedAt: '2025-01-05' });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({ code: 'file-too-large', message: expect.stringMatching(/larger than 25 MB/), field: 'file' });
    expect(stored()).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  /** Streams a multipart photo of `megabytes` MB without Content-Length; counts the MB the server pulled. */
  async function streamUpload(id: string, megabytes: number): Promise<{ response: Response | Error; sent: () => number }> {
    const boundary = 'healedboundary0123456789';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="view"\r\n\r\ntop\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0xab);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= megabytes) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/api/submissions/${id}/photos`, {
      method: 'POST',
      headers: { Origin: server.url, Cookie: cookie('ana'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: Error) => error);
    return { response, sent: () => sent };
  }

  it('counts a streamed body without Content-Length: 413 past 25 MB, nothing stored', async () => {
    const before = stored();
    const { response } = await streamUpload(draft, 30);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(413);
    expect(((await (response as Response).json()) as ErrorAnswer).error.code).toBe('file-too-large');
    expect(stored()).toEqual(before);
  });

  it('cuts off an endless streamed body instead of reading it all', async () => {
    const before = stored();
    const { sent } = await streamUpload(draft, 400);
    expect(sent(), 'MB the server read before cutting the connection').toBeLessThan(120);
    expect(stored()).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('accepts a GPS-tagged JPEG; neither the stored master nor the preview carries GPS or EXIF', async () => {
    const original = await healedExifJpeg(6, { gps: true });
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(51.5, 1);
    const photo = await uploadOk(draft, original, { view: 'left' });
    const master = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(masterOf(photoRow(photo.id).master_sha256))));
    const previewResponse = await request('ana', 'GET', `/api/submissions/${draft}/photos/${photo.id}/preview`);
    expect(previewResponse.status).toBe(200);
    expect(previewResponse.headers.get('content-type')).toBe('image/webp');
    expect(previewResponse.headers.get('cache-control')).toBe('private, no-store');
    expect(previewResponse.headers.get('x-content-type-options')).toBe('nosniff');
    const preview = new Uint8Array(await previewResponse.arrayBuffer());
    for (const [name, bytes] of [['master', master], ['preview', preview]] as const) {
      const meta = await sharp(bytes).metadata();
      expect({ name, exif: meta.exif, xmp: meta.xmp }).toEqual({ name, exif: undefined, xmp: undefined });
      for (const text of ['GPS', 'Exif', 'HealedTestCam', 'SN-12345678']) expect(has(bytes, text), `${name} contains ${text}`).toBe(false);
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeFalsy();
    }
  });

  it.each([
    ['a motion photo\'s video', mp4Trailer],
    ['an appended zip', zipTrailer],
  ])('accepts a JPEG carrying %s after the image; the trailer never reaches master or preview', async (_name, trailer) => {
    const marker = `HEALED-TRAILER-${Math.random().toString(36).slice(2, 10)}`;
    const original = await healedExifJpeg(7, { trailer: trailer(marker) });
    expect(has(original, marker)).toBe(true);
    const photo = await uploadOk(draft, original, { view: 'right' });
    const master = await import('node:fs/promises').then((fs) => fs.readFile(masterOf(photoRow(photo.id).master_sha256)));
    const preview = Buffer.from(await (await request('ana', 'GET', `/api/submissions/${draft}/photos/${photo.id}/preview`)).arrayBuffer());
    expect(has(master, marker)).toBe(false);
    expect(has(preview, marker)).toBe(false);
    expect(has(master, 'ftyp') || has(master, 'PK\u0003\u0004')).toBe(false);
  });

  it('deletes a photo: 204, and its original and master are gone', async () => {
    const photo = await uploadOk(draft, await plainJpeg(8), { view: 'donor', capturedAt: '2025-01-06' });
    const row = photoRow(photo.id);
    expect(existsSync(masterOf(row.master_sha256))).toBe(true);
    const before = stored();
    const response = await request('ana', 'DELETE', `/api/submissions/${draft}/photos/${photo.id}`);
    expect(response.status).toBe(204);
    expect(stored()).toEqual({ originals: before.originals - 1, masters: before.masters - 2, rows: before.rows - 1 });
    expect(existsSync(masterOf(row.master_sha256))).toBe(false);
    expect((await request('ana', 'DELETE', `/api/submissions/${draft}/photos/${photo.id}`)).status).toBe(404);
  });
});

describe('owner-only access', () => {
  let draft: string;
  let photo: PhotoAnswer;
  beforeAll(async () => {
    draft = await createDraft();
    photo = await uploadOk(draft, await healedExifJpeg(9), { view: 'hairline' });
  });

  it('answers ben 404 for ana\'s draft, its photos and its preview, exactly as for a missing one', async () => {
    const missing = (await (await request('ben', 'GET', '/api/submissions/AAAAAAAAAAAAAAAAAAAAAA')).json()) as ErrorAnswer;
    const attempts = [
      await request('ben', 'GET', `/api/submissions/${draft}`),
      await request('ben', 'GET', `/api/submissions/${draft}/photos/${photo.id}/preview`),
      await upload('ben', draft, { bytes: await plainJpeg(10) }, { view: 'top', capturedAt: '2025-01-05' }),
      await request('ben', 'DELETE', `/api/submissions/${draft}/photos/${photo.id}`),
      await postJson('ben', `/api/submissions/${draft}/submit`, {}),
      await request('ben', 'PATCH', `/api/submissions/${draft}`, { body: JSON.stringify({ notes: 'mine now' }), headers: { 'content-type': 'application/json' } }),
    ];
    for (const response of attempts) {
      expect(response.status, response.url).toBe(404);
      expect(await response.json()).toEqual(missing);
    }
    const list = (await (await request('ben', 'GET', '/api/submissions')).json()) as { submissions: { id: string }[] };
    expect(list.submissions.map((s) => s.id)).not.toContain(draft);
    expect((await request('ana', 'GET', `/api/submissions/${draft}`)).status).toBe(200);
  });

  it('keeps a draft private from admins too; its preview opens to them only once it is submitted', async () => {
    const preview = () => request('admin', 'GET', `/api/submissions/${draft}/photos/${photo.id}/preview`);
    const missing = (await (await request('admin', 'GET', `/api/submissions/AAAAAAAAAAAAAAAAAAAAAA/photos/${photo.id}/preview`)).json()) as ErrorAnswer;
    const before = await preview();
    expect(before.status).toBe(404);
    expect(await before.json()).toEqual(missing);
    const queue = (await (await request('admin', 'GET', '/api/admin/submissions?status=draft')).json()) as ErrorAnswer;
    expect(queue.error.code).toBe('invalid-request');
    expect((await request('admin', 'GET', `/admin/submissions/${draft}`)).status).toBe(404);

    expect((await postJson('ana', `/api/submissions/${draft}/submit`, {})).status).toBe(200);
    const after = await preview();
    expect(after.status).toBe(200);
    expect(after.headers.get('cache-control')).toBe('private, no-store');
    expect((await request('admin', 'GET', `/admin/submissions/${draft}`)).status).toBe(200);
    expect((await request('admin', 'GET', `/api/submissions/${draft}`)).status).toBe(404);
  });
});

describe('submit', () => {
  it('refuses an incomplete draft with 422 naming what is missing', async () => {
    const empty = await createDraft();
    const noPhotos = await postJson('ana', `/api/submissions/${empty}/submit`, {});
    expect([noPhotos.status, ((await noPhotos.json()) as ErrorAnswer).error]).toEqual([422, expect.objectContaining({ code: 'draft-incomplete', field: 'photos' })]);
    const noConsent = await createDraft('ana', { consent: undefined });
    await uploadOk(noConsent, await healedExifJpeg(11), { view: 'top' });
    const refused = await postJson('ana', `/api/submissions/${noConsent}/submit`, {});
    expect([refused.status, ((await refused.json()) as ErrorAnswer).error.field]).toEqual([422, 'consent']);
  });

  it('submits: 200 pending with the flags of a declared-only healed photo; the draft is then locked', async () => {
    const id = await createDraft();
    const photo = await uploadOk(id, await plainJpeg(12), { view: 'crown', capturedAt: afterLast(90) });
    expect(photo).toMatchObject({ dateSource: 'declared', stage: 'healed' });
    const response = await postJson('ana', `/api/submissions/${id}/submit`, {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; flags: { code: string; message: string; photoId?: string }[] };
    expect(body.status).toBe('pending');
    expect(body.flags).toEqual([{ code: 'no-verified-healed-photo', message: expect.stringMatching(/only by a declared date/) }]);

    const read = (await (await request('ana', 'GET', `/api/submissions/${id}`)).json()) as { status: string; submittedAt: string; flags: unknown[] };
    expect(read).toMatchObject({ status: 'pending', submittedAt: expect.any(String), flags: body.flags });
    const again = await postJson('ana', `/api/submissions/${id}/submit`, {});
    expect([again.status, ((await again.json()) as ErrorAnswer).error.code]).toEqual([409, 'not-a-draft']);
    expect((await upload('ana', id, { bytes: await plainJpeg(13) }, { view: 'top', capturedAt: '2025-01-05' })).status).toBe(409);
    expect((await request('ana', 'DELETE', `/api/submissions/${id}/photos/${photo.id}`)).status).toBe(409);
    const list = (await (await request('ana', 'GET', '/api/submissions')).json()) as { submissions: { id: string; status: string; photoCount: number; flagCount: number }[] };
    expect(list.submissions.find((s) => s.id === id)).toMatchObject({ status: 'pending', photoCount: 1, flagCount: 1 });
  });

  it('flags a photo presented as healed whose camera date is 30 days after the last session', async () => {
    const id = await createDraft();
    const early = await uploadOk(id, await jpeg({ width: 1600, height: 1200, seed: 14, exifDate: `${afterLast(30).replaceAll('-', ':')} 10:00:00` }), { view: 'hairline', claimedStage: 'healed' });
    expect(early).toMatchObject({ dateSource: 'exif', stage: 'settling', capturedAt: afterLast(30) });
    const body = (await (await postJson('ana', `/api/submissions/${id}/submit`, {})).json()) as { flags: { code: string; message: string; photoId?: string }[] };
    expect(body.flags).toContainEqual({ code: 'healed-too-early', photoId: early.id, message: expect.stringMatching(/only 30 days after the last session \(2025-02-01\)/) });
    expect(body.flags.map((f) => f.code)).toContain('no-verified-healed-photo');
  });

  it('accepts a photo sent with every optional field: view, capturedAt and claimedStage', async () => {
    const id = await createDraft();
    const photo = await uploadOk(id, await jpeg({ width: 1600, height: 1200, seed: 16 }), { view: 'crown', capturedAt: afterLast(90), claimedStage: 'healed' });
    expect(photo).toMatchObject({ dateSource: 'declared', stage: 'healed', capturedAt: afterLast(90) });
  });

  it('flags a possible stolen photo: ana submits a photo ben already submitted', async () => {
    const bens = await createDraft('ben');
    const stolen = await healedExifJpeg(15);
    await uploadOk(bens, stolen, { view: 'top' }, 'ben');
    expect((await postJson('ben', `/api/submissions/${bens}/submit`, {})).status).toBe(200);

    const anas = await createDraft();
    const photo = await uploadOk(anas, stolen, { view: 'top' });
    const body = (await (await postJson('ana', `/api/submissions/${anas}/submit`, {})).json()) as { flags: { code: string; message: string; photoId?: string }[] };
    expect(body.flags).toEqual([{ code: 'possible-stolen-photo', photoId: photo.id, message: expect.stringMatching(/is a copy \(0 of 64 hash bits differ at the best crop\) of the top photo dated 2025-05-01 in another practitioner's case \(pending\)/) }]);
    // Ana learns nothing of ben's unpublished case; the moderator's record points to it.
    expect(JSON.stringify(body)).not.toContain(bens);
    expect(JSON.stringify(await (await request('ana', 'GET', `/api/submissions/${anas}`)).json())).not.toContain(bens);
    expect(query<{ related_submission_id: string }>("SELECT related_submission_id FROM submission_flags WHERE submission_id = ? AND code = 'possible-stolen-photo'", anas)).toEqual([{ related_submission_id: bens }]);
  });

  it('writes every state change to the audit log, before → after', () => {
    const actions = new Set(query<{ action: string }>("SELECT action FROM audit_events WHERE subject LIKE 'submission:%'").map((row) => row.action));
    expect([...actions]).toEqual(expect.arrayContaining(['submission.create', 'submission.update', 'submission.photo.add', 'submission.photo.delete', 'submission.submit']));
    const submitted = query<{ before_json: string; after_json: string }>("SELECT before_json, after_json FROM audit_events WHERE action = 'submission.submit' LIMIT 1")[0]!;
    expect(JSON.parse(submitted.before_json)).toEqual({ status: 'draft' });
    expect(JSON.parse(submitted.after_json)).toMatchObject({ status: 'pending' });
  });
});
