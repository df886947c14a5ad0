/**
 * The submission service in process, on a temporary DATA_DIR with the real database, local
 * storage, masters store and ingest: what the HTTP tests cannot reach (UploadThing's callbacks,
 * masters shared by two photos, stages recomputed when sessions change).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, insertUser, type Database } from '../../src/lib/db/index.ts';
import { createLocalDiskStorage } from '../../src/lib/storage/local-disk.ts';
import { createMasterStore, InvalidMasterKeyError, type MasterStore } from '../../src/lib/storage/masters.ts';
import type { OriginalStorage } from '../../src/lib/storage/types.ts';
import { cookieValue, createUploadCallbacks } from '../../src/lib/submissions/upload-callbacks.ts';
import { createSubmissionService, type Actor, type SubmissionService } from '../../src/lib/submissions/service.ts';
import { hostile, jpeg } from '../factories/photos.ts';
import { submissionBody } from '../factories/submissions.ts';

let dir: string;
let db: Database;
let storage: OriginalStorage;
let masters: MasterStore;
let service: SubmissionService;
let ana: Actor;
let ben: Actor;
let admin: Actor;

const filesUnder = (folder: string): string[] =>
  existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(folder, e.name)) : [path.join(folder, e.name)])) : [];
const counts = () => ({
  originals: filesUnder(path.join(dir, 'originals')).length,
  masters: filesUnder(path.join(dir, 'masters')).length,
  rows: (db.prepare('SELECT count(*) AS n FROM submission_photos').get() as { n: number }).n,
});
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
const store = async (bytes: Uint8Array) => (await storage.putOriginal(once(bytes), { ownerId: String(ana.id) }, { maxBytes: 25 * 1024 * 1024 })).key;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'healed-submissions-'));
  db = createDatabase(dir);
  const user = (email: string, role: 'admin' | 'practitioner', slug: string | null) => {
    const u = insertUser(db, { email, passwordHash: 'unused', role, practitionerSlug: slug });
    return { id: u.id, role: u.role, practitionerSlug: u.practitionerSlug };
  };
  ana = user('ana@example.test', 'practitioner', 'ana-ribeiro');
  ben = user('ben@example.test', 'practitioner', 'ben-carter');
  admin = user('admin@example.test', 'admin', null);
  storage = createLocalDiskStorage({ dir: path.join(dir, 'originals') });
  masters = createMasterStore({ dir: path.join(dir, 'masters') });
  service = createSubmissionService({ db, storage, masters, now: () => new Date('2026-01-15T12:00:00Z') });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('masters store', () => {
  it('keeps only lowercase SHA-256 keys and only bytes that hash to them', async () => {
    await expect(masters.readPreview('../../etc/passwd')).rejects.toBeInstanceOf(InvalidMasterKeyError);
    await expect(masters.put({ sha256: 'a'.repeat(64), master: new Uint8Array([1]), preview: new Uint8Array([2]) })).rejects.toThrow(/refusing to store/);
    const bytes = new Uint8Array([1, 2, 3]);
    await masters.put({ sha256: sha256(bytes), master: bytes, preview: new Uint8Array([9]) });
    expect(await masters.has(sha256(bytes))).toBe(true);
    expect(await masters.readPreview(sha256(bytes))).toEqual(Buffer.from([9]));
    await masters.remove(sha256(bytes));
    expect(await masters.has(sha256(bytes))).toBe(false);
    expect(filesUnder(path.join(dir, 'masters'))).toEqual([]);
  });

  it('refuses a folder inside a served one', () => {
    expect(() => createMasterStore({ dir: path.join(dir, 'public', 'masters'), servedDirs: [path.join(dir, 'public')] })).toThrow(/served publicly/);
  });
});

describe('photos', () => {
  it('keeps a master two photos share until the last one is deleted', async () => {
    const photo = await jpeg({ width: 1600, height: 1200, seed: 31, exifDate: '2025:05:01 10:00:00' });
    const first = service.createDraft(ana, submissionBody());
    const second = service.createDraft(ana, submissionBody());
    const a = await service.recordOriginal({ ownerUserId: ana.id, submissionId: first.id, key: await store(photo), fields: { view: 'top' } });
    const b = await service.recordOriginal({ ownerUserId: ana.id, submissionId: second.id, key: await store(photo), fields: { view: 'top' } });
    expect(counts()).toMatchObject({ originals: 2, masters: 2, rows: 2 });
    await service.deletePhoto(ana, first.id, a.id);
    expect(counts()).toMatchObject({ originals: 1, masters: 2, rows: 1 });
    await service.deletePhoto(ana, second.id, b.id);
    expect(counts()).toEqual({ originals: 0, masters: 0, rows: 0 });
  });

  it('recomputes every photo\'s stage when the draft\'s sessions change', async () => {
    const draft = service.createDraft(ana, submissionBody());
    const photo = await service.recordOriginal({ ownerUserId: ana.id, submissionId: draft.id, key: await store(await jpeg({ width: 1600, height: 1200, seed: 32 })), fields: { view: 'crown', capturedAt: '2025-03-01' } });
    expect(photo.stage).toBe('settling');
    const updated = await service.updateDraft(ana, draft.id, { sessions: ['2024-11-01', '2024-12-01'] });
    expect(updated.photos[0]).toMatchObject({ id: photo.id, stage: 'healed' });
    await expect(service.updateDraft(ana, draft.id, { treatment: 'scar-correction' })).rejects.toThrow(expect.objectContaining({ status: 400, extra: expect.objectContaining({ field: 'profile.scarType' }) }));
  });
});

describe('UploadThing callbacks', () => {
  const callbacks = () => createUploadCallbacks(service, (request) => ({ ana, ben, admin })[request.headers.get('x-test-user') as 'ana' | 'ben' | 'admin']);
  const asUser = (who?: string) => new Request('http://localhost/api/uploadthing', { headers: who ? { 'x-test-user': who } : {} });

  it('authorizes exactly what the local endpoint allows', async () => {
    const draft = service.createDraft(ana, submissionBody());
    const input = { submissionId: draft.id, view: 'top' as const };
    expect(await callbacks().authorize(asUser('ana'), input)).toEqual({ ok: true, ownerId: String(ana.id) });
    expect(await callbacks().authorize(asUser(), input)).toMatchObject({ ok: false, reason: 'unauthenticated' });
    expect(await callbacks().authorize(asUser('ben'), input)).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await callbacks().authorize(asUser('admin'), input)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await callbacks().authorize(asUser('ana'), { ...input, submissionId: '../../../etc' })).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('records a stored original and answers the photo', async () => {
    const draft = service.createDraft(ana, submissionBody());
    const key = await store(await jpeg({ width: 1600, height: 1200, seed: 33, exifDate: '2025:05:01 10:00:00' }));
    const result = await callbacks().onOriginalStored({ key, url: 'https://example.ufs.sh/f/x', size: 1, name: 'x.jpg', input: { submissionId: draft.id, view: 'top' }, ownerId: String(ana.id) });
    expect(result).toEqual({ id: expect.any(String), capturedAt: '2025-05-01', dateSource: 'exif', evidence: { level: 'camera-original', reasons: [expect.stringMatching(/camera's own metadata dates it 2025-05-01/)] }, width: 1600, height: 1200, stage: 'healed' });
  });

  it('deletes a refused original and leaves nothing behind', async () => {
    const draft = service.createDraft(ana, submissionBody());
    const before = counts();
    const key = await store(hostile.htmlNamedJpg().bytes);
    await expect(callbacks().onOriginalStored({ key, url: '', size: 1, name: 'x.jpg', input: { submissionId: draft.id, view: 'top' }, ownerId: String(ana.id) }))
      .rejects.toMatchObject({ code: 'unsupported-type', message: expect.stringMatching(/HTML page.*Upload a JPEG/) });
    expect(await storage.exists(key)).toBe(false);
    expect(counts()).toEqual(before);
  });

  it('reads the session cookie from a Cookie header', () => {
    expect(cookieValue('a=1; healed-session=tok%2Den; b=2', 'healed-session')).toBe('tok-en');
    expect(cookieValue('xhealed-session=1', 'healed-session')).toBeUndefined();
    expect(cookieValue(null, 'healed-session')).toBeUndefined();
    expect(cookieValue('healed-session=%E0%A4%A', 'healed-session')).toBeUndefined();
  });
});
