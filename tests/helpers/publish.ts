/**
 * A case published the way users do it, over HTTP: ana submits four photos, the admin approves.
 * Shared by the integration tests that need a live case to change.
 */
import { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { databaseFile } from '../../src/lib/db/index.ts';
import { jpeg } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import type { demoClient } from './demo-client.ts';

/** Rows of a read-only query on a server's database. */
export function query<T>(dataDir: string, sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(databaseFile(dataDir), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A photo as a practitioner uploads it: its view, an EXIF date (`YYYY:MM:DD hh:mm:ss`) or a declared day. */
export interface PhotoUpload {
  view: string;
  seed: number;
  exifDate?: string;
  capturedAt?: string;
}

/** Ana uploads one synthetic photo (1600 × 1200) to a submission; returns the API's 201 answer. */
export async function uploadPhoto(client: ReturnType<typeof demoClient>, submissionId: string, photo: PhotoUpload): Promise<{ id: string; stage: string; capturedAt: string }> {
  const form = new FormData();
  form.append('view', photo.view);
  if (photo.capturedAt) form.append('capturedAt', photo.capturedAt);
  const bytes = await jpeg({ width: 1600, height: 1200, seed: photo.seed, ...(photo.exifDate ? { exifDate: photo.exifDate } : {}) });
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'photo.jpg');
  const uploaded = await client.request('ana', 'POST', `/api/submissions/${submissionId}/photos`, { body: form });
  expect(uploaded.status, await uploaded.clone().text()).toBe(201);
  return (await uploaded.json()) as { id: string; stage: string; capturedAt: string };
}

/** Ana submits a 4-photo case and the admin approves it (with an override for any flag); returns its case id. */
export async function publishedCase(client: ReturnType<typeof demoClient>, dataDir: string, seed: number): Promise<{ submissionId: string; caseId: string }> {
  const { postJson, request } = client;
  const created = await postJson('ana', '/api/submissions', submissionBody());
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const photos = [
    { view: 'hairline', capturedAt: '2025-01-05' },
    { view: 'hairline', exifDate: '2025:05:01 10:00:00' },
    { view: 'crown', exifDate: '2025:05:01 10:05:00' },
    { view: 'top', capturedAt: afterLast(100) },
  ];
  for (const [i, p] of photos.entries()) await uploadPhoto(client, id, { ...p, seed: seed + i });
  expect((await postJson('ana', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  const decided = await postJson('admin', `/api/admin/submissions/${id}/decision`, { action: 'approve', reason: 'Checked the originals with the practitioner.' });
  expect(decided.status, await decided.clone().text()).toBe(200);
  const status = (await (await request('ana', 'GET', `/api/submissions/${id}`)).json()) as { status: string };
  expect(status.status).toBe('live');
  const caseId = query<{ case_id: string }>(dataDir, 'SELECT case_id FROM publish_journal WHERE submission_id = ?', id)[0]!.case_id;
  return { submissionId: id, caseId };
}
