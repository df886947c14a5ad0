/**
 * A real crash mid-publish: the built server is started with the test-only fault hook
 * `HEALED_FAULT_AFTER_STEP`, which SIGKILLs it right after the journal records that step; a
 * restart without the hook must finish the publish, and the case folder must be byte-identical to
 * an uninterrupted publish of an equivalent submission (and valid for `npm run check`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/accounts/index.ts';
import { readPortfolios } from '../../src/lib/content/read-portfolios.ts';
import { databaseFile } from '../../src/lib/db/index.ts';
import { jpeg } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import { copyPortfolios, makeTempDir, repoRoot, startServer, type RunningServer } from '../helpers/server.ts';

let portfoliosDir: string;
let dataDir: string;
let server: RunningServer | undefined;
const cookies: Record<'ana' | 'admin', string> = { ana: '', admin: '' };

async function start(env: Record<string, string> = {}): Promise<void> {
  server = await startServer({ portfoliosDir, dataDir, env });
  for (const who of ['ana', 'admin'] as const) {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { Origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ email: `${who}@healed.test`, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    cookies[who] = response.headers.getSetCookie().find((line) => line.startsWith('healed-session='))!.split(';')[0]!;
  }
}
function request(who: 'ana' | 'admin', method: string, urlPath: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(server!.url + urlPath, { method, headers: { Origin: server!.url, Cookie: cookies[who], ...init.headers }, body: init.body, redirect: 'manual' });
}
const postJson = (who: 'ana' | 'admin', urlPath: string, body: unknown) => request(who, 'POST', urlPath, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
function query<T>(sql: string, ...params: string[]): T[] {
  const db = new DatabaseSync(databaseFile(dataDir), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Ana's submitted 4-photo case; the same photos every time (an "equivalent submission"). */
async function submittedCase(): Promise<string> {
  const created = await postJson('ana', '/api/submissions', submissionBody());
  const { id } = (await created.json()) as { id: string };
  const photos = [{ view: 'hairline', capturedAt: '2025-01-05' }, { view: 'hairline', exifDate: '2025:05:01 10:00:00' }, { view: 'crown', exifDate: '2025:05:01 10:05:00' }, { view: 'top', capturedAt: afterLast(100) }];
  for (const [i, p] of photos.entries()) {
    const form = new FormData();
    form.append('view', p.view);
    if (p.capturedAt) form.append('capturedAt', p.capturedAt);
    const bytes = await jpeg({ width: 1600, height: 1200, seed: 700 + i, ...(p.exifDate ? { exifDate: p.exifDate } : {}) });
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'photo.jpg');
    expect((await request('ana', 'POST', `/api/submissions/${id}/photos`, { body: form })).status).toBe(201);
  }
  expect((await postJson('ana', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  return id;
}
const approve = (id: string) => postJson('admin', `/api/admin/submissions/${id}/decision`, { action: 'approve', reason: 'Checked the originals with the practitioner.' });
const journal = (id: string) => query<{ case_id: string; done_step: string | null }>('SELECT case_id, done_step FROM publish_journal WHERE submission_id = ?', id)[0];
const statusOf = (id: string) => query<{ status: string }>('SELECT status FROM submissions WHERE id = ?', id)[0]!.status;

/** Every file of a case folder with its SHA-256. */
function folder(caseId: string): Record<string, string> {
  const dir = path.join(portfoliosDir, 'ana-ribeiro', 'cases', caseId);
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex')]));
}

/** Approves with the fault hook set at `step`: the server dies mid-request; returns the submission id. */
async function crashAt(step: string): Promise<string> {
  await start({ HEALED_FAULT_AFTER_STEP: step });
  const id = await submittedCase();
  await expect(approve(id)).rejects.toThrow();
  await server!.stop();
  server = undefined;
  expect(journal(id)!.done_step).toBe(step);
  expect(statusOf(id)).toBe('publishing');
  return id;
}

/** Restarts without the hook and waits for the journal to finish. */
async function restartAndWaitLive(id: string): Promise<string> {
  await start();
  const deadline = Date.now() + 20_000;
  while (statusOf(id) !== 'live' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(statusOf(id)).toBe('live');
  const { case_id: caseId, done_step: step } = journal(id)!;
  expect(step).toBe('live');
  expect((await fetch(`${server!.url}/cases/${caseId}/`)).status).toBe(200);
  const found = (await (await fetch(`${server!.url}/api/search?q=${encodeURIComponent('Ana Ribeiro')}&perPage=50`)).json()) as { hits: { id: string }[] };
  expect(found.hits.map((h) => h.id)).toContain(caseId);
  await server!.stop();
  server = undefined;
  return caseId;
}

beforeAll(async () => {
  portfoliosDir = await copyPortfolios();
  dataDir = makeTempDir('crash-data');
  // The build's variants (content-addressed), so each start need not encode the demo photos again.
  await cp(path.join(repoRoot, 'data/variants'), path.join(dataDir, 'variants'), { recursive: true });
});
afterAll(() => server?.stop());

describe('a publish killed with SIGKILL', () => {
  const finished: string[] = [];

  it.each(['write-folder', 'search'])('after %s is finished by the next start', async (step) => {
    finished.push(await restartAndWaitLive(await crashAt(step)));
  }, 120_000);

  it('leaves folders byte-identical to an uninterrupted publish, valid for npm run check, with no temp folder left', async () => {
    await start();
    const id = await submittedCase();
    expect((await approve(id)).status).toBe(200);
    expect(statusOf(id)).toBe('live');
    const reference = folder(journal(id)!.case_id);
    expect(Object.keys(reference)).toEqual(['case.yaml', 'crown-1.jpg', 'hairline-1.jpg', 'hairline-2.jpg', 'top-1.jpg']);
    expect(finished).toHaveLength(2);
    for (const caseId of finished) expect(folder(caseId)).toEqual(reference);
    expect(readdirSync(path.join(portfoliosDir, 'ana-ribeiro', 'cases')).filter((n) => n.startsWith('.'))).toEqual([]);
    const snapshot = await readPortfolios(portfoliosDir);
    expect(snapshot.problems).toEqual([]);
    for (const caseId of [...finished, journal(id)!.case_id]) expect(snapshot.cases.has(caseId)).toBe(true);
  }, 120_000);
});
