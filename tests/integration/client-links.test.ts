/**
 * Client confirmation over real HTTP against the built server, with mail through a real SMTP
 * server started by the test (issue 10): a practitioner makes a one-time link (emailed through
 * SMTP_URL); the client, without an account, sees the case's dated photos and confirms with a
 * photo of their own, declines (a published case is hidden until a moderator restores it, a
 * pending one is flagged), or later withdraws from a fresh link; used, expired and unknown links
 * get the same page; lookups of links that do not work are limited per address.
 */
import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/lib/db/index.ts';
import { hostile, jpeg } from '../factories/photos.ts';
import { afterLast, submissionBody } from '../factories/submissions.ts';
import { demoClient } from '../helpers/demo-client.ts';
import { publishedCase, query as queryDb, uploadPhoto } from '../helpers/publish.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';
import { startSmtpServer } from '../helpers/smtp.ts';

let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const client = demoClient(() => server);
const { signIn, request, postJson } = client;
const query = <T,>(sql: string, ...params: (string | number)[]) => queryDb<T>(server.dataDir, sql, ...params);
const today = () => new Date().toISOString().slice(0, 10);

/** What a phone's form posts to the link: the answer, and perhaps a photo. */
async function answer(url: string, fields: Record<string, string>, photo?: { bytes: Uint8Array; name: string; type: string }): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (photo) form.append('file', new Blob([photo.bytes as Uint8Array<ArrayBuffer>], { type: photo.type }), photo.name);
  return fetch(url, { method: 'POST', body: form, headers: { Origin: server.url }, redirect: 'manual' });
}
/** A draft of ana's with a before photo and a camera-dated healed one; submitted when asked. */
async function draftCase(seed: number, submit = false): Promise<string> {
  const created = await postJson('ana', '/api/submissions', submissionBody());
  const { id } = (await created.json()) as { id: string };
  await uploadPhoto(client, id, { view: 'hairline', capturedAt: '2025-01-05', seed });
  await uploadPhoto(client, id, { view: 'hairline', exifDate: '2025:05:01 10:00:00', seed: seed + 1 });
  if (submit) expect((await postJson('ana', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  return id;
}
async function linkFor(who: 'ana' | 'admin', path: string, body: Record<string, string> = {}): Promise<{ url: string; expiresAt: string; mailed: boolean }> {
  const response = await postJson(who, path, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { url: string; expiresAt: string; mailed: boolean };
}
const searchIds = async (params: string) =>
  ((await (await fetch(`${server.url}/api/search?perPage=50&${params}`)).json()) as { hits: Array<{ id: string }> }).hits.map((h) => h.id);

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({ portfoliosDir: await copyPortfolios(), env: { SMTP_URL: smtp.url, SMTP_FROM: 'Healed <no-reply@healed.example>' } });
  await signIn('ana', 'ben', 'admin');
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe('a client confirms their case, with a photo of their own', () => {
  let draft = '';
  let link: { url: string; expiresAt: string; mailed: boolean };

  it('gets a one-time link made only by the case\'s practitioner, built from SITE_URL, emailed through SMTP, stored only as a hash', async () => {
    draft = await draftCase(3100);
    expect((await postJson('anonymous', `/api/submissions/${draft}/client-link`, {})).status).toBe(401);
    expect((await postJson('ben', `/api/submissions/${draft}/client-link`, {})).status).toBe(404);
    link = await linkFor('ana', `/api/submissions/${draft}/client-link`, { email: 'client@example.com' });
    expect(link.url).toMatch(new RegExp(`^${server.url}/client/[A-Za-z0-9_-]{43}$`));
    expect(link.mailed).toBe(true);
    expect(Math.abs(Date.parse(link.expiresAt) - (Date.now() + 14 * 86_400_000))).toBeLessThan(60_000);
    const mail = await smtp.next();
    expect(mail.to).toEqual(['client@example.com']);
    // Quoted-printable wraps long lines with a soft break (`=` at the end of a line).
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(link.url);
    const token = link.url.split('/client/')[1]!;
    const rows = query<Record<string, unknown>>('SELECT * FROM client_links WHERE submission_id = ?', draft);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const everything = JSON.stringify([...rows, ...query('SELECT * FROM audit_events WHERE action LIKE ?', 'client%')]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('client@example.com');
  });

  it('opens, without an account, on a page of the case\'s dated photos that shows nothing a stranger could use', async () => {
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('Is this your case?');
    expect(html).toContain('2025-01-10, 2025-02-01');
    expect(html.match(/src="data:image\/webp;base64,/g)).toHaveLength(2);
    expect(html).toContain('name="decision" value="confirm"');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
    for (const secret of ['ana@healed.test', draft, 'rel="canonical"', 'ana-ribeiro-']) expect(html).not.toContain(secret);
  });

  it('records a confirmation with the client\'s photo (same ingest, marked as theirs), and the link is spent', async () => {
    const photo = await jpeg({ width: 1600, height: 1200, seed: 3150, exifDate: `${today().replace(/-/g, ':')} 09:00:00` });
    const response = await answer(link.url, { decision: 'confirm', message: 'Yes, that is me.', view: 'crown' }, { bytes: photo, name: 'IMG_2001.jpg', type: 'image/jpeg' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/client/answered?decision=confirm');
    expect((await fetch(link.url)).status).toBe(404);
    const view = (await (await request('ana', 'GET', `/api/submissions/${draft}`)).json()) as { photos: Array<{ addedBy: string; view: string; evidence: { level: string }; capturedAt: string }> };
    expect(view.photos).toHaveLength(3);
    expect(view.photos.filter((p) => p.addedBy === 'client')).toEqual([expect.objectContaining({ view: 'crown', capturedAt: today(), evidence: expect.objectContaining({ level: 'camera-original' }) })]);
    expect(await (await request('ana', 'GET', '/account')).text()).toContain('The client confirmed this case on');
  });

  it('is published with the confirmation: the page, card, stats and the clientConfirmed search filter show it', async () => {
    expect((await postJson('ana', `/api/submissions/${draft}/submit`, {})).status).toBe(200);
    const decided = await postJson('admin', `/api/admin/submissions/${draft}/decision`, { action: 'approve', reason: 'Client confirmed through their link.' });
    expect(decided.status, await decided.clone().text()).toBe(200);
    const caseId = query<{ case_id: string }>('SELECT case_id FROM publish_journal WHERE submission_id = ?', draft)[0]!.case_id;
    const page = await (await fetch(`${server.url}/cases/${caseId}/`)).text();
    expect(page).toContain(`Confirmed by the client on <time datetime="${today()}"`);
    expect(page).toContain('Added by the client');
    expect(await searchIds('clientConfirmed=true')).toContain(caseId);
    const practitioner = await (await fetch(`${server.url}/practitioners/ana-ribeiro/`)).text();
    expect(practitioner).toMatch(/Cases confirmed by their clients<\/dt><dd[^>]*>[1-9]/);
  });
});

describe('links that do not work', () => {
  it('answer the same plain page, used, expired or unknown', async () => {
    const used = await linkFor('ana', `/api/submissions/${await draftCase(3200)}/client-link`);
    expect((await answer(used.url, { decision: 'confirm' })).status).toBe(303);
    const expired = await linkFor('ana', `/api/submissions/${await draftCase(3300)}/client-link`);
    const db = new DatabaseSync(databaseFile(server.dataDir));
    db.prepare('UPDATE client_links SET expires_ms = ? WHERE token_hash = ?').run(Date.now() - 1000, createHash('sha256').update(expired.url.split('/client/')[1]!).digest('hex'));
    db.close();
    const pages = await Promise.all([used.url, expired.url, `${server.url}/client/${'x'.repeat(43)}`, `${server.url}/client/short`].map(async (url) => {
      const response = await fetch(url);
      return { status: response.status, html: await response.text() };
    }));
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.html).toContain('This link is no longer valid');
      expect(page.html).toBe(pages[0]!.html);
    }
    // And an answer posted to one records nothing.
    expect((await answer(expired.url, { decision: 'decline' })).status).toBe(404);
  });

  it('a refused photo leaves the link working, and says why', async () => {
    const link = await linkFor('ana', `/api/submissions/${await draftCase(3400)}/client-link`);
    const heic = hostile.heic();
    const response = await answer(link.url, { decision: 'confirm' }, { bytes: heic.bytes, name: heic.name, type: heic.type });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('Nothing was recorded: your link still works.');
    expect((await fetch(link.url)).status).toBe(200);
  });
});

describe('a client declines', () => {
  it('a published case: hidden at once, listed for moderators, shown again when one restores it', async () => {
    const live = await publishedCase(client, server.dataDir, 3500);
    expect((await fetch(`${server.url}/cases/${live.caseId}/`)).status).toBe(200);
    const link = await linkFor('admin', `/api/cases/${live.caseId}/client-link`);
    const declined = await fetch(link.url, { method: 'POST', body: new URLSearchParams({ decision: 'decline', message: 'The second date is wrong.' }), headers: { Origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(declined.status).toBe(303);
    expect((await fetch(`${server.url}/cases/${live.caseId}/`)).status).toBe(404);
    expect(await searchIds('q=Ana%20Ribeiro')).not.toContain(live.caseId);
    expect(await (await fetch(`${server.url}/practitioners/ana-ribeiro/`)).text()).not.toContain(live.caseId);
    const list = await (await request('admin', 'GET', '/admin/declines')).text();
    expect(list).toContain(live.caseId);
    expect(list).toContain('The second date is wrong.');
    expect(await (await request('ana', 'GET', '/account')).text()).toContain('The second date is wrong.');
    const answerId = query<{ id: string }>('SELECT id FROM client_answers WHERE case_id = ?', live.caseId)[0]!.id;
    expect((await postJson('ana', `/api/admin/client-answers/${answerId}/review`, { action: 'restore' })).status).toBe(403);
    const restored = await postJson('admin', `/api/admin/client-answers/${answerId}/review`, { action: 'restore', note: 'Spoke to the client: a typo, fixed with them.' });
    expect(restored.status, await restored.clone().text()).toBe(200);
    expect((await fetch(`${server.url}/cases/${live.caseId}/`)).status).toBe(200);
    expect(await searchIds('q=Ana%20Ribeiro')).toContain(live.caseId);
    expect((await postJson('admin', `/api/admin/client-answers/${answerId}/review`, { action: 'withdraw' })).status).toBe(409);
  });

  it('a pending case: flagged for the moderator with the client\'s message', async () => {
    const pending = await draftCase(3600, true);
    const link = await linkFor('ana', `/api/submissions/${pending}/client-link`);
    expect((await answer(link.url, { decision: 'decline', message: 'I never agreed to this.' })).status).toBe(303);
    const queue = (await (await request('admin', 'GET', '/api/admin/submissions?flag=client-declined')).json()) as { submissions: Array<{ id: string; flags: Array<{ code: string; message: string }> }> };
    const item = queue.submissions.find((s) => s.id === pending);
    expect(item?.flags).toContainEqual({ code: 'client-declined', message: expect.stringContaining('I never agreed to this.') });
  });
});

describe('a client of a published case', () => {
  let live: { submissionId: string; caseId: string };

  it('confirms with a photo: the case says so at once; the photo waits for a moderator as a follow-up', async () => {
    live = await publishedCase(client, server.dataDir, 3700);
    const photos = query<{ n: number }>('SELECT count(*) AS n FROM submission_photos WHERE submission_id = ?', live.submissionId)[0]!.n;
    const link = await linkFor('ana', `/api/submissions/${live.submissionId}/client-link`);
    const photo = await jpeg({ width: 1600, height: 1200, seed: 3750, exifDate: `${afterLast(600).replace(/-/g, ':')} 12:00:00` });
    expect((await answer(link.url, { decision: 'confirm', view: 'top' }, { bytes: photo, name: 'now.jpg', type: 'image/jpeg' })).status).toBe(303);
    const page = await (await fetch(`${server.url}/cases/${live.caseId}/`)).text();
    expect(page).toContain('Confirmed by the client on');
    expect(page).not.toContain('Added by the client');
    const followUp = query<{ id: string; status: string }>("SELECT id, status FROM submissions WHERE case_id = ? AND kind = 'follow-up'", live.caseId)[0]!;
    expect(followUp.status).toBe('pending');
    expect(await (await request('admin', 'GET', `/admin/submissions/${followUp.id}`)).text()).toContain('Sent by the client through their link');
    expect(query<{ n: number }>('SELECT count(*) AS n FROM submission_photos WHERE submission_id = ?', live.submissionId)[0]!.n).toBe(photos);
  });

  it('withdraws their consent from a fresh link: the existing withdrawal runs', async () => {
    const link = await linkFor('ana', `/api/cases/${live.caseId}/client-link`);
    const response = await answer(link.url, { decision: 'withdraw', message: 'I changed my mind.' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/client/answered?decision=withdraw');
    expect((await fetch(`${server.url}/cases/${live.caseId}/`)).status).toBe(410);
    expect(await searchIds('q=Ana%20Ribeiro')).not.toContain(live.caseId);
    expect(query<{ status: string }>("SELECT status FROM submissions WHERE case_id = ? AND kind = 'follow-up'", live.caseId)[0]!.status).toBe('withdrawn');
    expect(query<{ status: string }>('SELECT status FROM submissions WHERE id = ?', live.submissionId)[0]!.status).toBe('withdrawn');
  });
});

describe('the per-address limit', () => {
  it('refuses lookups with 429 once an address has opened too many links that do not work, valid ones included', async () => {
    const valid = await linkFor('ana', `/api/submissions/${await draftCase(3800)}/client-link`);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${server.url}/client/${String(i).padStart(43, 'z')}`)).status);
    expect(statuses).toContain(429);
    const limited = await fetch(valid.url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
