/**
 * Two server instances sharing one portfolios/ folder and one database, as behind a load balancer:
 * a publish or a withdrawal on one reaches the other's route cache, content and search within its
 * poll of the shared database (cache_invalidations), with no restart and no network of their own.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from '../helpers/demo-client.ts';
import { publishedCase } from '../helpers/publish.ts';
import { copyPortfolios, makeTempDir, repoRoot, startServer, type RunningServer } from '../helpers/server.ts';

let a: RunningServer;
let b: RunningServer;
const onA = demoClient(() => a);

const get = async (server: RunningServer, urlPath: string) => {
  const response = await fetch(server.url + urlPath);
  return { status: response.status, cache: response.headers.get('x-astro-cache'), text: await response.text() };
};

/** Asks `server` until `done` holds for its answer; instance B polls the database every second. */
async function eventually(server: RunningServer, urlPath: string, done: (answer: Awaited<ReturnType<typeof get>>) => boolean) {
  const deadline = Date.now() + 15_000;
  let answer = await get(server, urlPath);
  while (!done(answer) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await get(server, urlPath);
  }
  return answer;
}

beforeAll(async () => {
  const portfoliosDir = await copyPortfolios();
  const dataDir = makeTempDir('shared-data');
  await cp(path.join(repoRoot, 'data/variants'), path.join(dataDir, 'variants'), { recursive: true });
  a = await startServer({ portfoliosDir, dataDir });
  b = await startServer({ portfoliosDir, dataDir });
  await onA.signIn('ana', 'admin');
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

describe('two instances', () => {
  it('a publish on one shows on the other: its cached practitioner page, the new case page and search', async () => {
    await get(b, '/practitioners/ana-ribeiro/');
    expect((await get(b, '/practitioners/ana-ribeiro/')).cache).toBe('HIT');
    const { caseId } = await publishedCase(onA, a.dataDir, 6_000);
    const page = await eventually(b, '/practitioners/ana-ribeiro/', (answer) => answer.text.includes(`/cases/${caseId}/`));
    expect(page.text).toContain(`/cases/${caseId}/`);
    expect((await get(b, `/cases/${caseId}/`)).status).toBe(200);
    const search = await eventually(b, `/api/search?q=${encodeURIComponent('Ana Ribeiro')}&perPage=50`, (answer) => answer.text.includes(caseId));
    expect(search.text).toContain(caseId);
  });

  it('a withdrawal on one takes the case off the other: 410, and gone from its cached listings', async () => {
    const { caseId } = await publishedCase(onA, a.dataDir, 7_000);
    await eventually(b, `/cases/${caseId}/`, (answer) => answer.status === 200);
    await get(b, `/cases/${caseId}/`);
    expect((await get(b, `/cases/${caseId}/`)).cache).toBe('HIT');
    expect((await onA.postJson('ana', `/api/cases/${caseId}/withdraw`, { reason: 'client revoked consent' })).status).toBe(200);
    expect((await eventually(b, `/cases/${caseId}/`, (answer) => answer.status === 410)).status).toBe(410);
    const listing = await eventually(b, '/practitioners/ana-ribeiro/', (answer) => !answer.text.includes(`/cases/${caseId}/`));
    expect(listing.text).not.toContain(`/cases/${caseId}/`);
  });
});
