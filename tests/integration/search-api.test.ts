/**
 * `GET /api/search`, `/api/health` and the server-rendered `/search` page against the built server
 * on the shipped portfolios: browsing, typos, filters and facets, geo, pagination, every refused
 * parameter, and search down (Meilisearch unreachable) leaving the galleries up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/server.ts';

interface Hit {
  id: string;
  url: string;
  practitioner: { slug: string; name: string };
  treatment: string;
  city: string;
  country: string;
  stage: string;
  daysHealed: number;
  evidence: string;
  thumbnail: string | null;
  distanceKm?: number;
}
interface Result {
  hits: Hit[];
  total: number;
  page: number;
  perPage: number;
  facets: Record<'treatment' | 'country' | 'city' | 'stage' | 'fitzpatrick' | 'evidence', Record<string, number>>;
}
interface Health {
  status: string;
  content: { practitioners: number; cases: number; invalid: number };
  variants: { state: string };
  search: { engine: string; ok: boolean; documents: number; message?: string };
}

const treatments = ['male-pattern-baldness', 'female-hair-loss', 'post-transplant-density', 'scar-correction', 'alopecia-areata'];

async function getJson<T>(server: RunningServer, path: string): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await fetch(server.url + path);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** A 200 search answer, failing with the body otherwise. */
async function search(server: RunningServer, params: string): Promise<Result> {
  const { status, body } = await getJson<Result & { error?: unknown }>(server, `/api/search${params ? `?${params}` : ''}`);
  expect(status, `/api/search?${params}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

/** Every hit of a query, walking its pages (50 a page). */
async function allHits(server: RunningServer, params: string): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (let page = 1; ; page++) {
    const result = await search(server, `${params}${params ? '&' : ''}perPage=50&page=${page}`);
    hits.push(...result.hits);
    if (result.hits.length === 0 || hits.length >= result.total) return hits;
  }
}

/** Waits until the index holds every published case (start-up builds it in the background). */
async function waitForIndex(server: RunningServer, timeoutMs = 120_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last: Health | undefined;
  while (Date.now() < deadline) {
    last = (await getJson<Health>(server, '/api/health')).body;
    if (last.search?.ok && last.search.documents === last.content.cases) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the search index did not hold every case in time: ${JSON.stringify(last)}`);
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('search on the shipped portfolios', () => {
  let server: RunningServer;
  let health: Health;
  let everything: Hit[];

  beforeAll(async () => {
    server = await startServer();
    health = await waitForIndex(server);
    everything = await allHits(server, '');
  });
  afterAll(() => server?.stop());

  it('reports each dependency in /api/health, keeping the existing fields', async () => {
    const { status, body } = await getJson<Health>(server, '/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.content).toEqual({ practitioners: expect.any(Number), cases: expect.any(Number), invalid: 0 });
    expect(body.variants.state).toBe('done');
    expect(body.search).toMatchObject({ engine: 'embedded', ok: true, documents: body.content.cases });
  });

  it('browses every published case when q is absent, newest first', async () => {
    const result = await search(server, '');
    expect(result.total).toBe(health.content.cases);
    expect(result).toMatchObject({ page: 1, perPage: 20 });
    expect(result.hits).toHaveLength(Math.min(20, health.content.cases));
    expect(new Set(everything.map((h) => h.id)).size).toBe(health.content.cases);
    expect(sum(result.facets.treatment)).toBe(health.content.cases);
  });

  it('answers the documented hit shape, with no-store caching', async () => {
    const response = await fetch(`${server.url}/api/search?perPage=1`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const [hit] = ((await response.json()) as Result).hits;
    expect(Object.keys(hit!).sort()).toEqual(['city', 'clientConfirmed', 'country', 'daysHealed', 'evidence', 'id', 'practitioner', 'profile', 'stage', 'thumbnail', 'treatment', 'url'].sort());
    expect(hit).toMatchObject({
      id: expect.stringMatching(/^[a-z0-9-]+$/),
      url: `/cases/${hit!.id}/`,
      practitioner: { slug: expect.any(String), name: expect.any(String) },
      country: expect.stringMatching(/^[A-Z]{2}$/),
      daysHealed: expect.any(Number),
      profile: { fitzpatrick: expect.stringMatching(/^(I|II|III|IV|V|VI)$/) },
    });
    expect(treatments).toContain(hit!.treatment);
    if (hit!.thumbnail) expect((await fetch(server.url + hit!.thumbnail)).status).toBe(200);
  });

  it('forgives a typo: alopcia finds the alopecia-areata cases', async () => {
    const alopecia = everything.filter((h) => h.treatment === 'alopecia-areata').map((h) => h.id);
    expect(alopecia.length, 'the demo content has alopecia-areata cases').toBeGreaterThan(0);
    const found = (await allHits(server, 'q=alopcia')).map((h) => h.id);
    expect(found).toEqual(expect.arrayContaining(alopecia));
  });

  it('q=pune finds only, and all, Pune cases', async () => {
    const pune = everything.filter((h) => h.city === 'Pune').map((h) => h.id).sort();
    expect(pune.length).toBeGreaterThan(0);
    const found = await allHits(server, 'q=pune');
    expect(found.map((h) => h.city)).toEqual(found.map(() => 'Pune'));
    expect(found.map((h) => h.id).sort()).toEqual(pune);
  });

  it('filters OR within a field and AND across fields, with facets over every matching case', async () => {
    const params = 'treatment=alopecia-areata&treatment=post-transplant-density&country=in&perPage=1';
    const result = await search(server, params);
    const expected = everything.filter((h) => ['alopecia-areata', 'post-transplant-density'].includes(h.treatment) && h.country === 'IN');
    expect(result.total).toBe(expected.length);
    expect(result.hits).toHaveLength(Math.min(1, expected.length));
    expect(Object.keys(result.facets).sort()).toEqual(['city', 'country', 'evidence', 'fitzpatrick', 'ludwig', 'norwood', 'scarType', 'stage', 'treatment']);
    expect(sum(result.facets.evidence)).toBe(expected.length);
    // Counted over all matching cases, not the one hit on this page.
    expect(sum(result.facets.treatment)).toBe(expected.length);
    expect(sum(result.facets.stage)).toBe(expected.length);
    expect(result.facets.country).toEqual({ IN: expected.length });
    const byCity: Record<string, number> = {};
    for (const h of expected) byCity[h.city] = (byCity[h.city] ?? 0) + 1;
    expect(result.facets.city).toEqual(byCity);
  });

  it('healed=true keeps only verified healed or long-term cases', async () => {
    const healed = await allHits(server, 'healed=true');
    expect(healed.length).toBeGreaterThan(0);
    expect(healed.every((h) => h.stage === 'healed' || h.stage === 'long-term')).toBe(true);
    expect(healed.length).toBe(everything.filter((h) => h.stage === 'healed' || h.stage === 'long-term').length);
  });

  it('filters and counts by the evidence of the result photo (evidence=a,b or repeated)', async () => {
    const levels = ['signed-capture', 'camera-original', 'edited', 'declared'];
    expect(everything.every((h) => levels.includes(h.evidence))).toBe(true);
    const counts: Record<string, number> = {};
    for (const h of everything) counts[h.evidence] = (counts[h.evidence] ?? 0) + 1;
    expect((await search(server, 'perPage=1')).facets.evidence).toEqual(counts);
    const verified = await allHits(server, 'evidence=signed-capture,camera-original');
    expect(verified.length).toBe(everything.filter((h) => h.evidence === 'signed-capture' || h.evidence === 'camera-original').length);
    expect(verified.length).toBeGreaterThan(0);
    expect((await allHits(server, 'evidence=declared&evidence=edited')).map((h) => h.id).sort()).toEqual(everything.filter((h) => h.evidence === 'declared' || h.evidence === 'edited').map((h) => h.id).sort());
    const refused = await getJson<{ error: { parameter: string } }>(server, '/api/search?evidence=verified');
    expect([refused.status, refused.body.error.parameter]).toEqual([400, 'evidence']);
  });

  it('finds cases near a place within a radius, closest first, with distances', async () => {
    const hits = await allHits(server, 'near=18.52,73.85&radiusKm=50&sort=distance');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.city === 'Pune' && typeof h.distanceKm === 'number' && h.distanceKm <= 50)).toBe(true);
    const distances = hits.map((h) => h.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect((await search(server, 'perPage=1')).hits[0]).not.toHaveProperty('distanceKm');
  });

  it('pages without gaps or duplicates, with the same total on every page', async () => {
    const perPage = 7;
    const first = await search(server, `perPage=${perPage}`);
    const pages = Math.ceil(first.total / perPage);
    const ids: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const result = await search(server, `perPage=${perPage}&page=${page}`);
      expect(result).toMatchObject({ total: first.total, page, perPage });
      ids.push(...result.hits.map((h) => h.id));
    }
    expect(ids).toHaveLength(first.total);
    expect(new Set(ids).size).toBe(first.total);
    const beyond = await search(server, `perPage=${perPage}&page=${pages + 1}`);
    expect(beyond).toMatchObject({ hits: [], total: first.total });
  });

  it.each([
    ['q', `q=${'x'.repeat(201)}`],
    ['treatment', 'treatment=baldness'],
    ['country', 'country=India'],
    ['city', `city=${'c'.repeat(81)}`],
    ['near', 'near=18.52'],
    ['near', 'near=95,10'],
    ['radiusKm', 'radiusKm=10'],
    ['radiusKm', 'near=1,1&radiusKm=0'],
    ['radiusKm', 'near=1,1&radiusKm=20001'],
    ['healed', 'healed=maybe'],
    ['norwood', 'norwood=8'],
    ['ludwig', 'ludwig=IV'],
    ['fitzpatrick', 'fitzpatrick=VII'],
    ['sort', 'sort=oldest'],
    ['sort', 'sort=distance'],
    ['page', 'page=0'],
    ['page', 'page=1001'],
    ['page', 'page=x'],
    ['perPage', 'perPage=0'],
    ['perPage', 'perPage=51'],
    ['q', 'q=a&q=b'],
    ['colour', 'colour=blue'],
  ])('answers 400 naming %s for ?%s', async (parameter, params) => {
    const { status, headers, body } = await getJson<{ error: { code: string; message: string } }>(server, `/api/search?${params}`);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.error.code).toBe('invalid-parameter');
    expect(body.error.message.startsWith(`${parameter}: `), body.error.message).toBe(true);
    expect(body.error.message).not.toMatch(/\n\s+at /);
  });

  it('server-renders /search?q=pune with its results, as a plain GET form (no JavaScript needed)', async () => {
    const expected = (await search(server, 'q=pune')).hits.map((h) => h.id);
    const response = await fetch(`${server.url}/search?q=pune`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const shown = [...html.matchAll(/data-case-id="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(expected);
    const form = /<form[^>]*>/.exec(html)?.[0] ?? '';
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/search"');
    expect(html).toMatch(/<input[^>]*name="q"[^>]*value="pune"/);
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*name="treatment"/);
    expect(html).toMatch(/<select[^>]*name="sort"/);
    expect(html).toMatch(/aria-live="polite"/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('server-renders a refused /search URL as 400 with the message and the form', async () => {
    const response = await fetch(`${server.url}/search?q=pune&treatment=baldness`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('treatment: &quot;baldness&quot; is not a treatment');
    expect(html).toMatch(/<input[^>]*name="q"[^>]*value="pune"/);
  });

  it('links result pages for visitors without JavaScript', async () => {
    const html = await (await fetch(`${server.url}/search?perPage=5`)).text();
    if (health.content.cases > 5) expect(html).toMatch(/href="\/search\?page=2&amp;perPage=5"/);
  });

  it('has a search box on the home page', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toMatch(/<form[^>]*action="\/search"/);
    expect(html).toMatch(/<label[^>]*for="home-q"/);
  });
});

describe('search down (Meilisearch configured but unreachable)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // A port nobody listens on: every call is refused at once.
    const port = await freePort();
    server = await startServer({ env: { MEILI_URL: `http://127.0.0.1:${port}`, MEILI_KEY: 'test-key' } });
  });
  afterAll(() => server?.stop());

  it('answers /api/search with 503 and a clear message, no stack', async () => {
    const { status, body } = await getJson<{ error: { code: string; message: string } }>(server, '/api/search?q=pune');
    expect(status).toBe(503);
    expect(body.error.code).toBe('search-unavailable');
    expect(body.error.message).toMatch(/unavailable/i);
    expect(body.error.message).not.toMatch(/\n\s+at /);
  });

  it('reports search as down in /api/health, degraded with 200', async () => {
    const { status, body } = await getJson<Health>(server, '/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.search).toMatchObject({ engine: 'meilisearch', ok: false });
    expect(body.search.message).toBeTruthy();
    expect(body.content.cases).toBeGreaterThan(0);
  });

  it('still serves the galleries, and /search says what happened', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const page = await fetch(`${server.url}/search?q=pune`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/Search is unavailable right now/);
  });
});
