/**
 * The built server over real HTTP, on a private copy of the shipped portfolios: every route kind
 * answers, misses are 404 pages, pages are cached, headers are safe, images are immutable AVIF,
 * and one broken case.yaml takes down only its own page.
 */
import { readdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPortfolios, startServer, type RunningServer } from '../helpers/server.ts';

interface Fetched {
  status: number;
  headers: Headers;
  body: string;
}

/** GET through fetch (which normalizes the path: use rawGet for `..` tests). */
async function get(server: RunningServer, urlPath: string): Promise<Fetched> {
  const response = await fetch(server.url + urlPath, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** GET with the path sent byte for byte, as an attacker would, not normalized by a URL parser. */
function rawGet(server: RunningServer, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('latin1').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Folders of a portfolios tree: practitioners (with practitioner.yaml) and their cases (with case.yaml). */
function countContent(portfoliosDir: string) {
  const practitioners: string[] = [];
  const cases: Array<{ slug: string; id: string; file: string }> = [];
  for (const slug of readdirSync(portfoliosDir).sort()) {
    if (!existsSync(path.join(portfoliosDir, slug, 'practitioner.yaml'))) continue;
    practitioners.push(slug);
    const casesDir = path.join(portfoliosDir, slug, 'cases');
    if (!existsSync(casesDir)) continue;
    for (const id of readdirSync(casesDir).sort()) {
      const file = path.join(casesDir, id, 'case.yaml');
      if (existsSync(file)) cases.push({ slug, id, file });
    }
  }
  return { practitioners, cases };
}

/** Paths (no host) of every `<loc>` in a sitemap. */
function sitemapPaths(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((match) => new URL(match[1]!, 'http://x').pathname);
}

/** Local `href`s of an HTML page. */
function links(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#?]*)/g)].map((match) => match[1]!);
}

function expectHtml(page: Fetched, status: number, what: string): void {
  expect(page.status, `${what}: status`).toBe(status);
  expect(page.headers.get('content-type') ?? '', `${what}: content-type`).toMatch(/^text\/html/);
  expect(page.body, `${what}: body`).toMatch(/<html[\s>]/i);
}

/** Route kinds of the contract, each found in the sitemap (or, failing that, in page links). */
const routeKinds = {
  practitioner: /^\/practitioners\/[^/]+\/?$/,
  case: /^\/cases\/[^/]+\/?$/,
  treatment: /^\/treatments\/[^/]+\/?$/,
  country: /^\/locations\/[a-z]{2}\/?$/,
  city: /^\/locations\/[a-z]{2}\/[^/]+\/?$/,
} as const;

describe('built server on a copy of the shipped portfolios', () => {
  let server: RunningServer;
  let portfoliosDir: string;
  let sitemap: string[];
  const found: Partial<Record<keyof typeof routeKinds, string>> = {};

  beforeAll(async () => {
    portfoliosDir = await copyPortfolios();
    server = await startServer({ portfoliosDir });
    const xml = await get(server, '/sitemap.xml');
    sitemap = xml.status === 200 ? sitemapPaths(xml.body) : [];
    const home = await get(server, '/');
    const candidates = [...sitemap, ...links(home.body)];
    for (const [kind, pattern] of Object.entries(routeKinds) as Array<[keyof typeof routeKinds, RegExp]>) {
      found[kind] = candidates.find((candidate) => pattern.test(candidate));
    }
    if (!found.country || !found.city || !found.treatment) {
      const extra = [...links((await get(server, '/locations/')).body)];
      if (found.case) extra.push(...links((await get(server, found.case)).body));
      for (const kind of ['treatment', 'country', 'city'] as const) {
        found[kind] ??= extra.find((candidate) => routeKinds[kind].test(candidate));
      }
    }
  });
  afterAll(() => server?.stop());

  it('serves /sitemap.xml as XML listing practitioner and case pages', async () => {
    const response = await get(server, '/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').toMatch(/xml/);
    expect(sitemap.some((p) => routeKinds.practitioner.test(p)), 'a practitioner URL in the sitemap').toBe(true);
    expect(sitemap.some((p) => routeKinds.case.test(p)), 'a case URL in the sitemap').toBe(true);
  });

  it.each(['/', '/locations/', '/practitioners/ana-ribeiro/', '/practitioners/ben-carter/'])('GET %s answers 200 HTML', async (urlPath) => {
    expectHtml(await get(server, urlPath), 200, urlPath);
  });

  it.each(Object.keys(routeKinds) as Array<keyof typeof routeKinds>)('a %s page answers 200 HTML', async (kind) => {
    const urlPath = found[kind];
    expect(urlPath, `no ${kind} URL in /sitemap.xml nor in the home, locations or case page links`).toBeDefined();
    expectHtml(await get(server, urlPath!), 200, urlPath!);
  });

  it('answers 200 HTML for every page the sitemap lists', async () => {
    const failures: string[] = [];
    for (const urlPath of sitemap) {
      const page = await get(server, urlPath);
      if (page.status !== 200 || !(page.headers.get('content-type') ?? '').startsWith('text/html')) {
        failures.push(`${urlPath} → ${page.status} ${page.headers.get('content-type')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(['/practitioners/no-such-practitioner-zz9/', '/cases/no-such-case-zz9/', '/no-such-page-zz9/'])(
    'GET %s answers the 404 page',
    async (urlPath) => {
      expectHtml(await get(server, urlPath), 404, urlPath);
    },
  );

  it('serves a repeat request for a case page from the route cache', async () => {
    expect(found.case).toBeDefined();
    await get(server, found.case!);
    const second = await get(server, found.case!);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-astro-cache')).toMatch(/^HIT$/i);
  });

  it.each(['/', 'case', '/no-such-page-zz9/'])('sends security headers on %s', async (which) => {
    const urlPath = which === 'case' ? found.case! : which;
    const page = await get(server, urlPath);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const cspHeader = page.headers.get('content-security-policy');
    const cspMeta = /<meta[^>]+http-equiv=["']?content-security-policy/i.test(page.body);
    expect(Boolean(cspHeader) || cspMeta, 'a Content-Security-Policy header or <meta http-equiv> tag').toBe(true);
  });

  it('reports content counts in /api/health that match the portfolio folders', async () => {
    const response = await get(server, '/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').toMatch(/json/);
    const { practitioners, cases } = countContent(portfoliosDir);
    expect(JSON.parse(response.body).content).toMatchObject({ practitioners: practitioners.length, cases: cases.length, invalid: 0 });
  });

  it('read the content on its reader threads, none of it left to the main thread', async () => {
    // The readers start from the chunk the content code was bundled into: a build that broke
    // that would still serve the same content, read on the main thread, and say so.
    expect((await get(server, '/api/health')).status).toBe(200);
    expect(server.stderr()).not.toMatch(/read on the main thread/);
  });

  it('serves the AVIF variants a case page links as immutable images', async () => {
    const html = (await get(server, found.case!)).body;
    const sources = [...html.matchAll(/<source[^>]*type="image\/avif"[^>]*>/g)].map((match) => match[0]);
    const fromSources = sources.flatMap((tag) => [...tag.matchAll(/\/img\/[^\s"',]+/g)].map((match) => match[0]));
    const anyImg = [...html.matchAll(/\/img\/[^\s"',)]+/g)].map((match) => match[0]);
    const avif = [...fromSources, ...anyImg.filter((url) => url.endsWith('.avif'))][0];
    expect(avif, `an AVIF /img/ URL in ${found.case} (found: ${anyImg.slice(0, 5).join(' ') || 'no /img/ URL'})`).toBeDefined();
    const response = await fetch(server.url + avif!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/avif');
    expect(response.headers.get('cache-control') ?? '').toContain('immutable');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it.each([
    '/img/../etc/passwd',
    '/img/../../../../../../etc/passwd',
    '/img/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/img/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/img/..%5c..%5c..%5cetc%5cpasswd',
    '/img/.%2e/.%2e/.%2e/etc/passwd',
    '/img/..%2fpackage.json',
    '/img/..%2f..%2fpackage.json',
    '/img/%2fetc%2fpasswd',
  ])('answers 404 for the traversal name %s', async (rawPath) => {
    const response = await rawGet(server, rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('root:x:0:0');
    expect(response.body).not.toContain('"name": "healed"');
  });
});

describe('built server with one broken case.yaml', () => {
  let server: RunningServer;
  let portfoliosDir: string;
  let broken: { slug: string; id: string };
  let healthy: { slug: string; id: string } | undefined;
  let counts: ReturnType<typeof countContent>;

  beforeAll(async () => {
    portfoliosDir = await copyPortfolios();
    counts = countContent(portfoliosDir);
    const target = counts.cases[0];
    if (!target) throw new Error('the shipped portfolios have no case to break');
    broken = target;
    healthy = counts.cases.find((c) => c.id !== target.id);
    const yaml = readFileSync(target.file, 'utf8');
    if (!/^treatment:.*$/m.test(yaml)) throw new Error(`${target.file} has no top-level treatment: line to break`);
    // An unknown treatment: schema-invalid, yet the YAML still parses.
    writeFileSync(target.file, yaml.replace(/^treatment:.*$/m, 'treatment: not-a-real-treatment'));
    server = await startServer({ portfoliosDir });
  });
  afterAll(() => server?.stop());

  it('reports the broken case as invalid in /api/health', async () => {
    const response = await get(server, '/api/health');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).content).toMatchObject({
      practitioners: counts.practitioners.length,
      cases: counts.cases.length - 1,
      invalid: 1,
    });
  });

  it('logs the broken file at start the way npm run check names it: file, field, fix', () => {
    const line = server.stderr().split('\n').find((l) => l.includes(`${broken.id}/case.yaml`));
    expect(line).toMatch(/case\.yaml: treatment: unknown treatment "not-a-real-treatment": use one of male-pattern-baldness, .*\. Fix: set treatment to one of: /);
  });

  it("answers 404 for the broken case's page", async () => {
    expectHtml(await get(server, `/cases/${broken.id}/`), 404, `/cases/${broken.id}/`);
  });

  it('still serves everything else', async () => {
    expectHtml(await get(server, '/'), 200, '/');
    expectHtml(await get(server, `/practitioners/${broken.slug}/`), 200, `/practitioners/${broken.slug}/`);
    if (healthy) expectHtml(await get(server, `/cases/${healthy.id}/`), 200, `/cases/${healthy.id}/`);
    const sitemap = await get(server, '/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemapPaths(sitemap.body).filter((p) => p.replace(/\/$/, '') === `/cases/${broken.id}`)).toEqual([]);
  });
});
