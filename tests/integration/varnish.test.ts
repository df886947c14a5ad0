/**
 * Healed behind a real Varnish (deploy/varnish/default.vcl, vmod xkey) on loopback: public pages
 * and photos are served from Varnish; a publish and a withdrawal purge exactly what they change,
 * so the next request through Varnish sees it; signed-in pages and API writes are never stored.
 * Skipped, saying why, where varnishd cannot run (npm test installs it on Debian as root).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionBody } from '../factories/submissions.ts';
import { demoClient } from '../helpers/demo-client.ts';
import { publishedCase } from '../helpers/publish.ts';
import { copyPortfolios, freePort, startServer, type RunningServer } from '../helpers/server.ts';
import { startVarnish, varnishMissing, type RunningVarnish } from '../helpers/varnish.ts';

const missing = varnishMissing();
if (missing) console.warn(`varnish integration test skipped: ${missing}`);

describe.skipIf(missing !== undefined)('behind Varnish', () => {
  let app: RunningServer;
  let varnish: RunningVarnish;
  // Every request of these tests goes through Varnish, as a visitor's would.
  const client = demoClient(() => ({ ...app, url: varnish.url }));
  const get = async (urlPath: string, headers: Record<string, string> = {}) => {
    const response = await fetch(varnish.url + urlPath, { headers: { 'Accept-Encoding': 'br, gzip', ...headers } });
    return { status: response.status, cache: response.headers.get('x-cache'), headers: response.headers, text: await response.text() };
  };
  /** Requests until Varnish answers from its store (the first request of a page fetches it). */
  const cached = async (urlPath: string) => {
    await get(urlPath);
    return get(urlPath);
  };

  beforeAll(async () => {
    const portfoliosDir = await copyPortfolios();
    // Another test file's server may take the chosen port before varnishd binds it: try again.
    for (let attempt = 1; !varnish; attempt++) {
      const varnishPort = await freePort();
      // Visitors reach the site through Varnish: its address is the site's public origin.
      app = await startServer({ portfoliosDir, env: { CACHE_PURGE_URL: `http://127.0.0.1:${varnishPort}/`, SITE_URL: `http://127.0.0.1:${varnishPort}` } });
      try {
        varnish = await startVarnish(varnishPort, Number(new URL(app.url).port));
      } catch (error) {
        await app.stop();
        if (attempt === 3) throw error;
      }
    }
    await client.signIn('ana', 'ben', 'admin');
  });
  afterAll(async () => {
    await varnish?.stop();
    await app?.stop();
  });

  it('serves a public page and its photos from Varnish, compressed, without tags', async () => {
    const page = await cached('/practitioners/ana-ribeiro/');
    expect(page.status).toBe(200);
    expect(page.cache).toBe('HIT');
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('xkey')).toBeNull();
    const photo = page.text.match(/\/img\/[a-z0-9.]+\.avif/)?.[0];
    expect(photo, 'a photo on the practitioner page').toBeDefined();
    expect((await cached(photo!)).cache).toBe('HIT');
  });

  it('drops the practitioner page on a publish: the next request shows the new case', async () => {
    expect((await cached('/practitioners/ana-ribeiro/')).cache).toBe('HIT');
    expect((await cached('/')).cache).toBe('HIT');
    const { caseId } = await publishedCase(client, app.dataDir, 4_000);
    const after = await get('/practitioners/ana-ribeiro/');
    expect(after.cache).toBe('MISS');
    expect(after.text).toContain(`/cases/${caseId}/`);
    expect((await get('/')).cache).toBe('MISS');
    // Ben's page shows nothing of Ana's: still served from Varnish.
    await cached('/practitioners/ben-carter/');
    expect((await get('/practitioners/ben-carter/')).cache).toBe('HIT');
  });

  it('drops a withdrawn case and its photos: the page answers 410 and the photos 404', async () => {
    const { caseId } = await publishedCase(client, app.dataDir, 5_000);
    const page = await cached(`/cases/${caseId}/`);
    expect([page.status, page.cache]).toEqual([200, 'HIT']);
    const photos = [...new Set(page.text.match(/\/img\/[a-z0-9.]+\.avif/g) ?? [])];
    expect(photos.length).toBeGreaterThan(0);
    for (const photo of photos) expect((await cached(photo)).cache).toBe('HIT');
    await cached('/practitioners/ana-ribeiro/');

    const withdrawn = await client.postJson('ana', `/api/cases/${caseId}/withdraw`, { reason: 'client revoked consent' });
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);
    expect((await get(`/cases/${caseId}/`)).status).toBe(410);
    expect((await get('/practitioners/ana-ribeiro/')).text).not.toContain(`/cases/${caseId}/`);
    for (const photo of photos) expect((await get(photo)).status).toBe(404);
  });

  it('never stores a signed-in page, and passes signed-in visitors to the app', async () => {
    const headers = { Cookie: client.cookie('ana') };
    for (const urlPath of ['/account', '/submit', '/practitioners/ana-ribeiro/']) {
      await get(urlPath, headers);
      expect((await get(urlPath, headers)).cache, urlPath).toBe('MISS');
    }
    const account = await get('/account', headers);
    expect(account.headers.get('cache-control')).toMatch(/private, no-store/);
    expect(account.text).toContain('ana@healed.test');
    // Nothing of Ana's account was left for an anonymous visitor.
    const anonymous = await get('/account');
    expect(anonymous.text).not.toContain('ana@healed.test');
  });

  it('never stores an API write: each one reaches the app', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const created = await client.request('ana', 'POST', '/api/submissions', {
        body: JSON.stringify(submissionBody()),
        headers: { 'content-type': 'application/json' },
      });
      expect(created.status, await created.clone().text()).toBe(201);
      expect(created.headers.get('x-cache')).toBe('MISS');
      ids.add(((await created.json()) as { id: string }).id);
    }
    expect(ids.size).toBe(2);
  });
});
