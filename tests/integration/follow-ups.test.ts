/**
 * A follow-up over real HTTP against the built server (issue 10): ana adds later photos and a
 * touch-up session to her live case; the moderator reviews it beside the live case and approves;
 * the case page, its badges and search change only then. A second follow-up's publish is killed
 * with SIGKILL (the test-only fault hook) right after its folder was written, and the next start
 * finishes it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPortfolios } from '../../src/lib/content/read-portfolios.ts';
import { afterLast } from '../factories/submissions.ts';
import { demoClient } from '../helpers/demo-client.ts';
import { publishedCase, query as queryDb, uploadPhoto } from '../helpers/publish.ts';
import { copyPortfolios, makeTempDir, repoRoot, startServer, type RunningServer } from '../helpers/server.ts';

let portfoliosDir: string;
let dataDir: string;
let server: RunningServer | undefined;
const client = demoClient(() => server!);
const { signIn, request, postJson } = client;
const query = <T,>(sql: string, ...params: (string | number)[]) => queryDb<T>(dataDir, sql, ...params);
const exif = (day: string) => `${day.replace(/-/g, ':')} 10:00:00`;
const statusOf = (id: string) => query<{ status: string }>('SELECT status FROM submissions WHERE id = ?', id)[0]!.status;

async function start(env: Record<string, string> = {}): Promise<void> {
  server = await startServer({ portfoliosDir, dataDir, env });
  await signIn('ana', 'ben', 'admin');
}
async function stop(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** Every file of the case folder with its SHA-256: what "the live case did not change" means. */
function folder(caseId: string): Record<string, string> {
  const dir = path.join(portfoliosDir, 'ana-ribeiro', 'cases', caseId);
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex')]));
}
const page = async (caseId: string) => {
  const response = await fetch(`${server!.url}/cases/${caseId}/`);
  return { status: response.status, cache: response.headers.get('x-astro-cache'), html: await response.text() };
};
/** A follow-up of `caseId` with photos, submitted; returns its id. */
async function submittedFollowUp(caseId: string, touchUp: string, photos: Array<{ view: string; day: string; seed: number }>): Promise<string> {
  const created = await postJson('ana', `/api/cases/${caseId}/follow-ups`, { touchUp, notes: 'Check-up, then a touch-up on the crown.' });
  expect(created.status, await created.clone().text()).toBe(201);
  const body = (await created.json()) as { id: string; kind: string; status: string };
  expect(body).toMatchObject({ kind: 'follow-up', status: 'draft' });
  for (const p of photos) await uploadPhoto(client, body.id, { view: p.view, exifDate: exif(p.day), seed: p.seed });
  const submitted = await postJson('ana', `/api/submissions/${body.id}/submit`, {});
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  return body.id;
}
const approve = (id: string) => postJson('admin', `/api/admin/submissions/${id}/decision`, { action: 'approve', reason: 'Compared with the live case: same client, later photos.' });

let live: { submissionId: string; caseId: string };

beforeAll(async () => {
  portfoliosDir = await copyPortfolios();
  dataDir = makeTempDir('follow-ups-data');
  await cp(path.join(repoRoot, 'data/variants'), path.join(dataDir, 'variants'), { recursive: true });
  await start();
  live = await publishedCase(client, dataDir, 1100);
});
afterAll(() => stop());

describe('a follow-up from upload to live', () => {
  const touchUp = afterLast(400);
  let followUp = '';

  it('is refused for a case that is not the practitioner\'s, not live, or with a touch-up before the last session', async () => {
    expect((await postJson('anonymous', `/api/cases/${live.caseId}/follow-ups`, {})).status).toBe(401);
    expect((await postJson('admin', `/api/cases/${live.caseId}/follow-ups`, {})).status).toBe(403);
    expect((await postJson('ben', `/api/cases/${live.caseId}/follow-ups`, {})).status).toBe(404);
    expect((await postJson('ana', '/api/cases/no-such-case/follow-ups', {})).status).toBe(404);
    const early = await postJson('ana', `/api/cases/${live.caseId}/follow-ups`, { touchUp: afterLast(-5) });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ error: { code: 'invalid-request', field: 'touchUp' } });
  });

  it('goes through upload, ingest, stages from the touch-up, submit and the queue while the live case stays as it was', async () => {
    const before = folder(live.caseId);
    await page(live.caseId);
    expect((await page(live.caseId)).cache).toBe('HIT');
    const created = await postJson('ana', `/api/cases/${live.caseId}/follow-ups`, { touchUp });
    followUp = ((await created.json()) as { id: string }).id;
    const longTerm = await uploadPhoto(client, followUp, { view: 'hairline', exifDate: exif(afterLast(380)), seed: 1200 });
    const healed = await uploadPhoto(client, followUp, { view: 'crown', exifDate: exif(afterLast(470)), seed: 1201 });
    expect([longTerm.stage, healed.stage]).toEqual(['long-term', 'healed']);
    const draft = (await (await request('ana', 'GET', `/api/submissions/${followUp}`)).json()) as Record<string, unknown>;
    expect(draft).toMatchObject({ kind: 'follow-up', caseId: live.caseId, touchUp, touchUps: [touchUp], status: 'draft' });
    // Its treatment and consent are the live case's: a PATCH may change only the touch-up and the note.
    expect((await request('ana', 'PATCH', `/api/submissions/${followUp}`, { body: JSON.stringify({ treatment: 'scar-correction' }), headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await postJson('ana', `/api/submissions/${followUp}/submit`, {})).status).toBe(200);
    const queue = (await (await request('admin', 'GET', '/api/admin/submissions')).json()) as { submissions: Array<{ id: string; kind: string; caseId: string }> };
    expect(queue.submissions.find((item) => item.id === followUp)).toMatchObject({ kind: 'follow-up', caseId: live.caseId });
    const review = await (await request('admin', 'GET', `/admin/submissions/${followUp}`)).text();
    expect(review).toContain('The live case this follow-up adds to');
    expect(review).toContain(`href="/cases/${live.caseId}/"`);
    expect(review).toContain(touchUp);
    expect(folder(live.caseId)).toEqual(before);
    const unchanged = await page(live.caseId);
    expect(unchanged.html).not.toContain('Touch-up session');
  });

  it('on approval is appended to the live case: new photos and the touch-up in the timeline, badges counted from the last session before each photo, caches purged, search updated', async () => {
    const before = folder(live.caseId);
    const decided = await approve(followUp);
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.json()).toEqual({ status: 'live' });
    const after = folder(live.caseId);
    for (const [name, hash] of Object.entries(before)) if (name !== 'case.yaml') expect(after[name]).toBe(hash);
    expect(Object.keys(after).length).toBe(Object.keys(before).length + 2);
    const shown = await page(live.caseId);
    expect(shown.status).toBe(200);
    expect(shown.cache).not.toBe('HIT');
    expect(shown.html).toContain('Touch-up session');
    expect(shown.html).toContain('Long-term · 380 days');
    expect(shown.html).toContain('Healed · 70 days after a touch-up');
    // The timeline is in date order: sessions, photos, the 380-day photo, the touch-up, the photo 70 days after it.
    const timeline = shown.html.slice(shown.html.indexOf('id="timeline-h"'));
    const order = ['Session 1', 'Long-term · 380 days', 'Touch-up session', 'Healed · 70 days after a touch-up'].map((text) => timeline.indexOf(text));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const found = (await (await fetch(`${server!.url}/api/search?q=${encodeURIComponent('Ana Ribeiro')}&perPage=50`)).json()) as { hits: Array<{ id: string; stage: string; daysHealed: number }> };
    expect(found.hits.find((h) => h.id === live.caseId)).toMatchObject({ stage: 'long-term', daysHealed: 380 });
    const snapshot = await readPortfolios(portfoliosDir);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.cases.get(live.caseId)?.photos).toHaveLength(6);
  });
});

describe('a follow-up publish killed with SIGKILL', () => {
  it('right after its folder was written is finished by the next start', async () => {
    await stop();
    await start({ HEALED_FAULT_AFTER_STEP: 'write-folder' });
    const id = await submittedFollowUp(live.caseId, afterLast(560), [{ view: 'top', day: afterLast(640), seed: 1300 }]);
    await expect(approve(id)).rejects.toThrow();
    await stop();
    expect(query<{ done_step: string; kind: string }>('SELECT done_step, kind FROM publish_journal WHERE submission_id = ?', id)[0]).toEqual({ done_step: 'write-folder', kind: 'follow-up' });
    expect(statusOf(id)).toBe('publishing');

    await start();
    const deadline = Date.now() + 20_000;
    while (statusOf(id) !== 'live' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statusOf(id)).toBe('live');
    const shown = await page(live.caseId);
    expect(shown.html).toContain('Touch-up session 2');
    expect(shown.html).toContain('Healed · 80 days after a touch-up');
    const dir = path.join(portfoliosDir, 'ana-ribeiro', 'cases', live.caseId);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    const snapshot = await readPortfolios(portfoliosDir);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.cases.get(live.caseId)?.photos).toHaveLength(7);
    expect(snapshot.cases.get(live.caseId)?.touchUps).toHaveLength(2);
  }, 120_000);
});
