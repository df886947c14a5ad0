/**
 * No request can take Healed down (issue 8): each observation of the hostile walk-through, on the
 * built server, with a public origin (SITE_URL) that differs from the address the tests use, so
 * anything built from the request's Host would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClient } from '../helpers/demo-client.ts';
import { isAlive, rawExchange, rssMb, streamBody } from '../helpers/raw-http.ts';
import { firstCasePath, startServer, type RunningServer } from '../helpers/server.ts';
import { jpegStart } from '../factories/hostile-requests.ts';
import { DEMO_PASSWORD } from '../../src/lib/accounts/index.ts';

const site = 'https://healed.example';
let server: RunningServer;
const client = demoClient(() => server);
const { request, postJson } = client;

beforeAll(async () => {
  server = await startServer({ env: { SITE_URL: site, HTTP_HEADERS_TIMEOUT: '1', HTTP_IDLE_TIMEOUT: '2' } });
  await client.signIn('ana');
});
afterAll(() => server?.stop());

async function expectStillServing(): Promise<void> {
  expect(isAlive(server.pid)).toBe(true);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
}

describe('1. a cut-off upload', () => {
  it('is a 400, not the end of the server', async () => {
    const draft = (await (await postJson('ana', '/api/submissions', { treatment: 'male-pattern-baldness', profile: { norwood: 5, fitzpatrick: 'III' }, sessions: ['2025-01-10'] })).json()) as { id: string };
    // The body of the report: a view field, then a file that stops eight bytes in.
    const body = Buffer.concat([
      Buffer.from('--B\r\nContent-Disposition: form-data; name="view"\r\n\r\ntop\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'),
      jpegStart,
    ]);
    const response = await request('ana', 'POST', `/api/submissions/${draft.id}/photos`, { body, headers: { 'content-type': 'multipart/form-data; boundary=B' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-multipart');
    await expectStillServing();
    const photos = (await (await request('ana', 'GET', `/api/submissions/${draft.id}`)).json()) as { photos: unknown[] };
    expect(photos.photos).toEqual([]);
  });
});

describe('2. bodies are refused as they arrive', () => {
  it('answers an anonymous chunked 300 MB report with 413 after reading a few MB, the memory flat', async () => {
    const before = rssMb(server.pid);
    const answer = await streamBody(`${server.url}/api/reports`, { headers: { 'content-type': 'application/json', origin: server.url }, total: 300 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('body-too-large');
    expect(answer.sent, 'bytes the client got out before the answer').toBeLessThan(32 * 1024 * 1024);
    expect(rssMb(server.pid) - before, 'RSS growth (MB)').toBeLessThan(100);
    await expectStillServing();
  });

  it('answers a form post of 300 MB to the withdraw form with 413 too', async () => {
    const answer = await streamBody(`${server.url}/api/cases/some-case/withdraw`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: client.cookie('ana') },
      total: 300 * 1024 * 1024,
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses a declared length over the limit at once, without waiting for the body', async () => {
    const answer = await rawExchange(server.url, `POST /api/reports HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{"caseId":`);
    expect(answer.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.answer).toContain('"code":"body-too-large"');
  });
});

describe('3. no open redirect after sign-in', () => {
  it.each(['/.//evil.com', '/..//evil.com', '/%2e//evil.com', '/a/..//evil.com', '//evil.com', 'https://evil.com/'])('next=%s lands on /account', async (next) => {
    const response = await fetch(`${server.url}/login?next=${encodeURIComponent(next)}`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'ben@healed.test', password: DEMO_PASSWORD }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account');
  });

  it('still follows a same-site next', async () => {
    const response = await fetch(`${server.url}/login?next=${encodeURIComponent('/submit?id=x')}`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'ben@healed.test', password: DEMO_PASSWORD }),
      redirect: 'manual',
    });
    expect(response.headers.get('location')).toBe('/submit?id=x');
  });
});

describe('4. the configured origin, not the Host header', () => {
  it('refuses a request for another host before any page is rendered or cached', async () => {
    const answer = await rawExchange(server.url, 'GET / HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n');
    expect(answer.answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer.answer).toContain('"code":"unknown-host"');
    expect(answer.answer).not.toContain('evil.com"');
  });

  it('builds canonical, Open Graph, JSON-LD, sitemap and robots.txt from SITE_URL', async () => {
    const casePath = await firstCasePath(server.url);
    const html = await (await fetch(server.url + casePath)).text();
    expect(html).toContain(`<link rel="canonical" href="${site}${casePath}"`);
    expect(html).toContain(`<meta property="og:url" content="${site}${casePath}"`);
    const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!) as { url: string; image?: string[] };
    expect(jsonLd.url).toBe(`${site}${casePath}`);
    for (const image of jsonLd.image ?? []) expect(image.startsWith(`${site}/img/`)).toBe(true);
    expect(html).not.toContain(server.url);
    const locs = [...(await (await fetch(`${server.url}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(10);
    expect(locs.every((loc) => loc.startsWith(`${site}/`))).toBe(true);
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toMatch(new RegExp(`^Sitemap: ${site}/sitemap\\.xml$`, 'm'));
  });

  it('refuses a write whose Origin is not the site, even when it matches a forged Host', async () => {
    const response = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { origin: 'http://evil.com', 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad-origin');
  });

  it('keeps one cache entry per page whatever the query string, and none for a 404', async () => {
    const casePath = await firstCasePath(server.url);
    await fetch(`${server.url}${casePath}?warm=1`);
    for (const query of ['?utm_source=x', '?a=1', '?a=2&b=3', '?page=99']) {
      expect((await fetch(`${server.url}${casePath}${query}`)).headers.get('x-astro-cache'), query).toBe('HIT');
    }
    const missing = `/cases/made-up-${Date.now()}/`;
    expect((await fetch(server.url + missing)).status).toBe(404);
    const again = await fetch(server.url + missing);
    expect(again.status).toBe(404);
    expect(again.headers.get('x-astro-cache')).not.toBe('HIT');
  });
});

describe('6. slow clients do not hold sockets', () => {
  it('closes 10 connections that announce 10,000 bytes and send 10', async () => {
    const host = new URL(server.url).host;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => rawExchange(server.url, `POST /api/reports HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"caseId":`)));
    // Closed by the server (HTTP_IDLE_TIMEOUT=2 here; 30 s by default), without an answer to a body that never came.
    expect(answers.every((a) => !a.answer.includes('HTTP/1.1 2'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    await expectStillServing();
  });

  it('closes a connection that never finishes its headers', async () => {
    const answer = await rawExchange(server.url, `GET / HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nX-Slow: `);
    expect(answer.answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('7. every error has a face', () => {
  const securityHeaders = (headers: Headers) => ({
    nosniff: headers.get('x-content-type-options'),
    frame: headers.get('x-frame-options'),
    csp: headers.get('content-security-policy')?.includes("frame-ancestors 'none'"),
    server: headers.get('server'),
    poweredBy: headers.get('x-powered-by'),
  });
  const safe = { nosniff: 'nosniff', frame: 'DENY', csp: true, server: null, poweredBy: null };

  it('answers TRACE with 405 JSON and Allow', async () => {
    const answer = await rawExchange(server.url, `TRACE / HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nConnection: close\r\n\r\n`);
    expect(answer.answer).toMatch(/^HTTP\/1\.1 405/);
    expect(answer.answer).toMatch(/\r\nallow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i);
    expect(answer.answer).toContain('"code":"method-not-allowed"');
  });

  it('answers PUT on an API route with 405 and the methods it takes', async () => {
    const response = await fetch(`${server.url}/api/reports`, { method: 'PUT', headers: { origin: server.url } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method-not-allowed');
    expect(securityHeaders(response.headers)).toEqual(safe);
  });

  it('answers a malformed multipart report with 400 JSON', async () => {
    const response = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { origin: server.url, 'content-type': 'multipart/form-data; boundary=B' }, body: '--B\r\nContent-Disposition: form-data; name="caseId"\r\n\r\nabc' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-multipart');
    expect(securityHeaders(response.headers)).toEqual(safe);
  });

  it('puts the security headers on 400, 401, 403 and 404 answers alike', async () => {
    const answers = [
      await fetch(`${server.url}/api/search?sort=sideways`),
      await fetch(`${server.url}/api/me`),
      await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${server.url}/cases/made-up-case/`),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 401, 403, 404]);
    for (const answer of answers) expect(securityHeaders(answer.headers), answer.url).toEqual(safe);
  });
});
