/**
 * Publishing and withdrawal over real HTTP against the built server: ana's case approved by the
 * admin goes live (page, practitioner page, listings, sitemap, search, image variants); ana
 * withdraws it: the page answers 410 and it is gone from everywhere; ben and anonymous callers
 * cannot withdraw it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from '../helpers/demo-client.ts';
import { publishedCase as publishedCaseOver, query as queryDb } from '../helpers/publish.ts';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;

const text = async (urlPath: string) => (await fetch(server.url + urlPath)).text();

const client = demoClient(() => server);
const { signIn, request, postJson } = client;
const publishedCase = (seed: number) => publishedCaseOver(client, server.dataDir, seed);
const query = <T,>(sql: string, ...params: (string | number)[]) => queryDb<T>(server.dataDir, sql, ...params);

/** Whether `/api/search` lists the case (every page of Ana's treatment). */
async function searchFinds(caseId: string): Promise<boolean> {
  for (let page = 1; page < 20; page++) {
    const body = (await (await fetch(`${server.url}/api/search?treatment=male-pattern-baldness&perPage=50&page=${page}`)).json()) as { hits: { id: string }[] };
    if (body.hits.some((h) => h.id === caseId)) return true;
    if (body.hits.length < 50) return false;
  }
  return false;
}

let live: { submissionId: string; caseId: string };
let imageUrls: string[];
const listings = ['/', '/practitioners/ana-ribeiro/', '/treatments/male-pattern-baldness/', '/sitemap.xml'];

beforeAll(async () => {
  server = await startServer({ portfoliosDir: await copyPortfolios() });
  await signIn('ana', 'ben', 'admin');
  // Warm the route cache: withdrawal must purge these pages, not just wait for them to expire.
  for (const page of listings) await text(page);
  live = await publishedCase(900);
});
afterAll(() => server?.stop());

describe('a published case', () => {
  it('is live on the next request: its page, practitioner page, listings, sitemap and search', async () => {
    const page = await fetch(`${server.url}/cases/${live.caseId}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    imageUrls = [...new Set([...html.matchAll(/\/img\/[a-z0-9.]+\.(?:avif|webp|jpeg|jpg)/g)].map((m) => m[0]))];
    expect(imageUrls.length).toBeGreaterThan(0);
    for (const url of imageUrls.slice(0, 4)) expect((await fetch(server.url + url)).status).toBe(200);
    expect(await text('/practitioners/ana-ribeiro/')).toContain(`/cases/${live.caseId}/`);
    expect(await text('/sitemap.xml')).toContain(`/cases/${live.caseId}/`);
    expect(await searchFinds(live.caseId)).toBe(true);
  });
});

describe('withdrawal', () => {
  it('refuses anonymous callers (401) and other practitioners (404)', async () => {
    expect((await postJson('anonymous', `/api/cases/${live.caseId}/withdraw`, {})).status).toBe(401);
    const ben = await postJson('ben', `/api/cases/${live.caseId}/withdraw`, {});
    expect(ben.status).toBe(404);
    expect(((await ben.json()) as { error: { code: string } }).error.code).toBe('not-found');
    expect((await fetch(`${server.url}/cases/${live.caseId}/`)).status).toBe(200);
  });

  it('lets the owner withdraw: 410 page, gone from listings, sitemap, search and the image store, in the audit log', async () => {
    const response = await postJson('ana', `/api/cases/${live.caseId}/withdraw`, { reason: 'The client withdrew consent.' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'withdrawn', caseId: live.caseId });

    const page = await fetch(`${server.url}/cases/${live.caseId}/`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('withdrawn by the client');
    for (const listing of listings) expect(await text(listing)).not.toContain(`/cases/${live.caseId}/`);
    expect(await searchFinds(live.caseId)).toBe(false);
    for (const url of imageUrls) expect((await fetch(server.url + url)).status).toBe(404);
    const submission = (await (await request('ana', 'GET', `/api/submissions/${live.submissionId}`)).json()) as { status: string };
    expect(submission.status).toBe('withdrawn');
    const events = query<{ action: string; actor_user_id: number }>('SELECT action, actor_user_id FROM audit_events WHERE subject = ? ORDER BY id', `case:${live.caseId}`);
    expect(events.map((e) => e.action)).toEqual(['case.withdraw', 'case.withdraw.done']);
    // Originals are deleted by default (ORIGINALS_RETENTION=delete).
    const keys = query<{ original_key: string }>('SELECT original_key FROM submission_photos WHERE submission_id = ?', live.submissionId);
    expect(keys).toHaveLength(4);
  });

  it('answers 404 to a second withdrawal of the same case', async () => {
    expect((await postJson('ana', `/api/cases/${live.caseId}/withdraw`, {})).status).toBe(404);
  });

  it('lets an admin withdraw any practitioner\'s case', async () => {
    const other = await publishedCase(950);
    expect((await fetch(`${server.url}/cases/${other.caseId}/`)).status).toBe(200);
    const response = await postJson('admin', `/api/cases/${other.caseId}/withdraw`, { reason: 'Consent withdrawn by email to Healed.' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await fetch(`${server.url}/cases/${other.caseId}/`)).status).toBe(410);
  });
});
