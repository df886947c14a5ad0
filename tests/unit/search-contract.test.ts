/**
 * One contract, every search engine (issue 3). The embedded engine always runs it; Meilisearch runs
 * it whenever MEILI_URL (and MEILI_KEY, if the server has one) is set, on throwaway indexes.
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmbeddedSearchIndex } from '../../src/lib/search/embedded.ts';
import { haversineKm } from '../../src/lib/search/geo.ts';
import { meilisearchSettings } from '../../src/lib/search/meilisearch-request.ts';
import { createMeilisearchIndex } from '../../src/lib/search/meilisearch.ts';
import { InvalidSearchQueryError, SearchUnavailableError, type CaseDocument, type SearchIndex, type SearchQuery } from '../../src/lib/search/types.ts';
import { caseDocument, contractCorpus, day, places } from '../factories/search.ts';

const meiliUrl = process.env.MEILI_URL;
const meiliIndexes: string[] = [];
let made = 0;

const engines: { name: string; make: () => SearchIndex }[] = [{ name: 'embedded', make: () => createEmbeddedSearchIndex() }];
if (meiliUrl) {
  engines.push({
    name: 'meilisearch',
    make: () => {
      const index = `healed_contract_${process.pid}_${++made}`;
      meiliIndexes.push(index, `${index}_meta`, `${index}_rebuild`);
      return createMeilisearchIndex({ url: meiliUrl, key: process.env.MEILI_KEY ?? '', index });
    },
  });
}

afterAll(async () => {
  if (!meiliUrl) return;
  const client = new Meilisearch({ host: meiliUrl, apiKey: process.env.MEILI_KEY || undefined });
  await Promise.all(meiliIndexes.map((uid) => client.deleteIndex(uid).waitTask().catch(() => undefined)));
});

const corpus = contractCorpus();
const idsOf = (docs: { id: string }[]) => docs.map((d) => d.id).sort();
const where = (keep: (d: CaseDocument) => boolean) => idsOf(corpus.filter(keep));

/** Every hit of a query, page after page (perPage 50 unless given). */
async function allHits(index: SearchIndex, query: SearchQuery) {
  const hits = [];
  for (let page = 1; ; page++) {
    const result = await index.search({ perPage: 50, ...query, page });
    hits.push(...result.hits);
    if (result.hits.length < result.perPage) return hits;
  }
}

const expectMonotonic = (values: number[], direction: 'asc' | 'desc') => {
  for (let i = 1; i < values.length; i++) {
    if (direction === 'asc') expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    else expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  }
};

describe.each(engines)('search contract: $name', ({ make }) => {
  describe('over the contract corpus', () => {
    let index: SearchIndex;
    const ids = async (query: SearchQuery) => idsOf(await allHits(index, query));

    beforeAll(async () => {
      index = make();
      await index.init();
      await index.replaceAll(corpus);
    }, 120_000);

    it('browses every case, newest first, when q is empty or absent', async () => {
      for (const query of [{}, { q: '' }, { q: '   ' }, { q: '', sort: 'relevance' as const }]) {
        const result = await index.search({ ...query, perPage: 50 });
        expect(result.total).toBe(corpus.length);
        expect(result.hits.map((h) => h.publishedAt)).toEqual([...corpus.map((d) => d.publishedAt)].sort((a, b) => b - a));
      }
    });

    it('ORs values within a field and ANDs across fields', async () => {
      const treatments = ['alopecia-areata', 'scar-correction'] as const;
      expect(await ids({ treatment: [...treatments] })).toEqual(where((d) => treatments.includes(d.treatment as never)));
      expect(await ids({ treatment: [...treatments], country: ['IN'] })).toEqual(where((d) => treatments.includes(d.treatment as never) && d.country === 'IN'));
      expect(await ids({ country: ['GB', 'BR'], fitzpatrick: ['III'] })).toEqual(where((d) => ['GB', 'BR'].includes(d.country) && d.fitzpatrick === 'III'));
      expect(await ids({ norwood: [4, 5, 6] })).toEqual(where((d) => [4, 5, 6].includes(d.norwood ?? 0)));
      expect(await ids({ ludwig: ['I', 'II'], country: ['ES'] })).toEqual(['madrid-female-1']);
      expect(await ids({ healed: true })).toEqual(where((d) => d.verifiedHealed));
      expect(await ids({ clientConfirmed: true })).toEqual(['madrid-female-1', 'pune-scar-1'].sort());
      expect(await ids({ clientConfirmed: true, country: ['IN'] })).toEqual(['pune-scar-1']);
      expect(await ids({ evidence: ['signed-capture', 'edited'] })).toEqual(where((d) => d.evidence === 'signed-capture' || d.evidence === 'edited'));
      expect(await ids({ evidence: ['camera-original'], country: ['IN'] })).toEqual(where((d) => d.evidence === 'camera-original' && d.country === 'IN'));
      expect(await ids({ city: ['pune'] })).toEqual(where((d) => d.city === 'Pune'));
      expect(await ids({ city: ['São Paulo', 'Madrid'] })).toEqual(where((d) => d.city === 'São Paulo' || d.city === 'Madrid'));
      expect(await ids({ scarType: ['fue', 'fut'] })).toEqual(where((d) => d.scarType === 'fue' || d.scarType === 'fut'));
      expect(await ids({ practitioner: ['sophie-hughes', 'ben-carter'] })).toEqual(where((d) => d.practitionerSlug === 'sophie-hughes' || d.practitionerSlug === 'ben-carter'));
      expect(await ids({ practitioner: ['arjun-mehta'], norwood: [3] })).toEqual(['mumbai-transplant-1']);
      expect(await ids({ treatment: ['female-hair-loss'], country: ['IN'] })).toEqual([]);
      expect(await ids({ country: ['ZZ'] })).toEqual([]);
    });

    it('counts facets over all filtered hits, not one page', async () => {
      const query = { treatment: ['alopecia-areata', 'male-pattern-baldness'] as SearchQuery['treatment'], perPage: 1 };
      const result = await index.search(query);
      const matching = corpus.filter((d) => query.treatment!.includes(d.treatment));
      expect(result.hits).toHaveLength(1);
      expect(result.total).toBe(matching.length);
      const count = (key: (d: CaseDocument) => string) => matching.reduce<Record<string, number>>((acc, d) => ({ ...acc, [key(d)]: (acc[key(d)] ?? 0) + 1 }), {});
      expect(result.facets.treatment).toEqual(count((d) => d.treatment));
      expect(result.facets.country).toEqual(count((d) => d.country));
      expect(result.facets.city).toEqual(count((d) => d.city));
      expect(result.facets.stage).toEqual(count((d) => d.stage));
      expect(result.facets.fitzpatrick).toEqual(count((d) => d.fitzpatrick));
      expect(result.facets.evidence).toEqual(count((d) => d.evidence));
      const present = (key: (d: CaseDocument) => string | undefined) => count((d) => key(d) ?? '\u0000');
      const without = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([k]) => k !== '\u0000'));
      expect(result.facets.norwood).toEqual(without(present((d) => (d.norwood === undefined ? undefined : String(d.norwood)))));
      expect(result.facets.ludwig).toEqual(without(present((d) => d.ludwig)));
      expect(result.facets.scarType).toEqual(without(present((d) => d.scarType)));
      expect(result.facets.practitioner, 'counted only when asked for').toBeUndefined();
      const text = await index.search({ q: 'alopecia', perPage: 1 });
      expect(text.facets.city).toEqual({ London: 1, Mumbai: 1, Pune: 1 });
    });

    it('counts only the facets asked for; practitioner counts are the totals of each practitioner filter', async () => {
      const query = { treatment: ['alopecia-areata', 'male-pattern-baldness'] as SearchQuery['treatment'], facets: ['practitioner'] as SearchQuery['facets'], perPage: 1 };
      const result = await index.search(query);
      expect(Object.keys(result.facets)).toEqual(['practitioner']);
      for (const [slug, count] of Object.entries(result.facets.practitioner!)) {
        expect((await index.search({ treatment: query.treatment, practitioner: [slug], perPage: 1 })).total, slug).toBe(count);
      }
      expect(Object.values(result.facets.practitioner!).reduce((a, b) => a + b, 0)).toBe(result.total);
    });

    it('forgives typos as Meilisearch does', async () => {
      expect(await ids({ q: 'alopcia' })).toEqual(where((d) => d.treatment === 'alopecia-areata'));
      expect(await ids({ q: 'scarr' })).toEqual(where((d) => d.treatment === 'scar-correction'));
      expect(await ids({ q: 'hiarline' })).toEqual(where((d) => /hairline/i.test(d.text)));
      expect(await ids({ q: 'keliod' })).toEqual(['pune-scar-1']);
      expect(await ids({ q: 'alopcia pune' })).toEqual(['pune-alopecia-1']);
    });

    it('refuses typos in short words and on the first letter', async () => {
      expect(await ids({ q: 'puen' })).toEqual([]);
      expect(await ids({ q: 'scra' })).toEqual([]);
      expect(await ids({ q: 'pume' })).toEqual([]); // 4 letters: exact or prefix only
      expect(await ids({ q: 'olopecia' })).toEqual([]); // first-letter typo on an 8-letter word
      expect(await ids({ q: 'bcar' })).toEqual([]);
    });

    it('prefix-matches the last word only', async () => {
      const pune = where((d) => d.city === 'Pune');
      expect(await ids({ q: 'pun' })).toEqual(pune);
      expect(await ids({ q: 'PU' })).toEqual(pune);
      expect(await ids({ q: 'alopecia pun' })).toEqual(['pune-alopecia-1']);
      expect(await ids({ q: 'pun alopecia' })).toEqual([]);
      expect(await ids({ q: 'kelo' })).toEqual(['pune-scar-1']);
    });

    it('needs every word to match (matchingStrategy all)', async () => {
      expect(await ids({ q: 'alopecia london' })).toEqual(['london-alopecia-1']);
      expect(await ids({ q: 'alopecia madrid' })).toEqual([]);
    });

    it('ranks a match in a name or clinic above one in the notes', async () => {
      // Meilisearch's attribute rule: `clinic` comes before `text` in searchableAttributes.
      const hits = (await index.search({ q: 'hairline' })).hits.map((h) => h.id);
      expect(hits.slice(0, 2).sort()).toEqual(['london-female-1', 'london-mpb-1']);
      expect(hits).toHaveLength(5);
    });

    it('splits words at hyphens, in documents and in queries', async () => {
      const transplant = where((d) => d.treatment === 'post-transplant-density');
      expect(await ids({ q: 'transplant' })).toEqual(transplant);
      expect(await ids({ q: 'post-transplant' })).toEqual(transplant);
      expect(await ids({ q: 'scar-correction' })).toEqual(where((d) => d.treatment === 'scar-correction'));
    });

    it('ignores case and accents', async () => {
      const saoPaulo = where((d) => d.city === 'São Paulo');
      expect(await ids({ q: 'sao paulo' })).toEqual(saoPaulo);
      expect(await ids({ q: 'SÃO PAULO' })).toEqual(saoPaulo);
      expect(await ids({ q: 'alvaro garcia' })).toEqual(['saopaulo-mpb-1']);
      expect(await ids({ q: 'CLÍNICA ribeiro' })).toEqual(['saopaulo-scar-1']);
      expect(await ids({ q: 'garcía' })).toEqual(['saopaulo-mpb-1']);
      expect(await ids({ q: 'PUNE' })).toEqual(where((d) => d.city === 'Pune'));
    });

    it('filters by radius to within 1 % at the edge and sorts by distance', async () => {
      const { pune, mumbai } = places;
      const edge = haversineKm(pune.lat, pune.lng, mumbai.lat, mumbai.lng);
      const near = (radiusKm: number) => ({ lat: pune.lat, lng: pune.lng, radiusKm });
      expect(await ids({ near: near(edge * 0.99) })).toEqual(where((d) => d.city === 'Pune'));
      expect(await ids({ near: near(edge * 1.01) })).toEqual(where((d) => d.country === 'IN'));
      const sorted = await allHits(index, { near: { lat: pune.lat, lng: pune.lng }, sort: 'distance' });
      expect(sorted).toHaveLength(corpus.length);
      expect(sorted[0]!.city).toBe('Pune');
      expectMonotonic(sorted.map((h) => h.distanceKm!), 'asc');
      const mumbaiHit = sorted.find((h) => h.city === 'Mumbai')!;
      expect(mumbaiHit.distanceKm).toBeCloseTo(edge, 0);
    });

    it('keeps every sort monotonic, with and without text', async () => {
      const { london } = places;
      for (const q of ['', 'hairline']) {
        expectMonotonic((await allHits(index, { q, sort: 'newest', perPage: 2 })).map((h) => h.publishedAt), 'desc');
        expectMonotonic((await allHits(index, { q, sort: 'healed-longest', perPage: 2 })).map((h) => h.daysHealed), 'desc');
        expectMonotonic((await allHits(index, { q, sort: 'distance', near: { lat: london.lat, lng: london.lng }, perPage: 2 })).map((h) => h.distanceKm!), 'asc');
      }
    });

    it('pages without gaps or duplicates, with exact totals', async () => {
      for (const query of [{}, { q: 'hairline' }, { sort: 'healed-longest' as const }, { country: ['IN', 'GB'] }]) {
        const everything = idsOf(await allHits(index, query));
        const paged: string[] = [];
        for (let page = 1; page <= 5; page++) {
          const result = await index.search({ ...query, page, perPage: 3 });
          expect(result.total).toBe(everything.length);
          expect(result.page).toBe(page);
          expect(result.hits.length).toBe(Math.max(0, Math.min(3, everything.length - (page - 1) * 3)));
          paged.push(...result.hits.map((h) => h.id));
        }
        expect(paged.sort()).toEqual(everything);
      }
    });

    it('answers hits with the document fields, and distanceKm only with near', async () => {
      const [hit] = (await index.search({ q: 'keloid' })).hits;
      expect(hit).toEqual(corpus.find((d) => d.id === 'pune-scar-1'));
      const [withDistance] = (await index.search({ q: 'keloid', near: { lat: places.pune.lat, lng: places.pune.lng } })).hits;
      expect(withDistance!.distanceKm).toBeCloseTo(0, 3);
    });

    it('refuses a distance sort without near', async () => {
      await expect(index.search({ sort: 'distance' })).rejects.toBeInstanceOf(InvalidSearchQueryError);
      await expect(index.search({ perPage: 51 })).rejects.toBeInstanceOf(InvalidSearchQueryError);
    });
  });

  describe('writes', () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = make();
      await index.init();
    }, 120_000);

    it('reflects deletes and updates in hits and facets', async () => {
      await index.replaceAll(corpus);
      await index.remove(['pune-scar-1']);
      let result = await index.search({ q: 'keloid' });
      expect(result.total).toBe(0);
      result = await index.search({ country: ['IN'] });
      expect(result.facets.treatment?.['scar-correction']).toBeUndefined();
      expect(result.total).toBe(where((d) => d.country === 'IN').length - 1);
      const moved = { ...corpus.find((d) => d.id === 'pune-mpb-1')!, city: 'Mumbai', _geo: { lat: places.mumbai.lat, lng: places.mumbai.lng } };
      await index.upsert([{ ...moved, text: moved.text.replace('Pune', 'Mumbai') }]);
      expect(idsOf((await index.search({ q: 'pune' })).hits)).toEqual(['pune-alopecia-1']);
      result = await index.search({ country: ['IN'] });
      expect(result.facets.city).toEqual({ Mumbai: 3, Pune: 1 });
      await index.remove(['no-such-case']);
      expect((await index.search({})).total).toBe(corpus.length - 1);
    });

    it('makes an upsert searchable as soon as it resolves', async () => {
      await index.upsert([caseDocument({ id: 'new-case-1', place: places.madrid, practitionerName: 'Zoltan Quillfeather', publishedAt: day('2026-01-01') })]);
      expect(idsOf((await index.search({ q: 'quillfeather' })).hits)).toEqual(['new-case-1']);
      expect((await index.search({})).hits[0]!.id).toBe('new-case-1');
    });

    it('re-indexes idempotently: replaceAll twice answers the same', async () => {
      await index.replaceAll(corpus);
      const queries: SearchQuery[] = [{}, { q: 'alopcia' }, { country: ['IN'], sort: 'healed-longest' }, { near: { lat: 51.5, lng: 0, radiusKm: 10_000 }, sort: 'distance' }];
      const first = await Promise.all(queries.map((q) => index.search(q)));
      await index.replaceAll(corpus);
      expect(await Promise.all(queries.map((q) => index.search(q)))).toEqual(first);
      expect((await index.search({ q: 'quillfeather' })).total).toBe(0); // replaced, not merged
      expect((await index.health()).documents).toBe(corpus.length);
    });

    it('remembers the fingerprint of the last replaceAll', async () => {
      await index.replaceAll(corpus, { fingerprint: 'abc123' });
      expect(await index.indexedFingerprint?.()).toBe('abc123');
    });
  });
});

if (!meiliUrl) {
  describe.skip('search contract: meilisearch (skipped: set MEILI_URL to run against Meilisearch)', () => {
    it('runs the same contract against a live Meilisearch', () => undefined);
  });
}

/**
 * Without a server, the adapter still talks to the real client: the network is stubbed at fetch,
 * so what is checked is what Meilisearch would receive and how its answers are read.
 */
describe('meilisearch adapter, network stubbed', () => {
  type Call = { method: string; path: string; body: unknown };
  const calls: Call[] = [];
  let searchAnswer: unknown = {};
  let failTasks = false;

  const stub = (fail?: 'network') => {
    calls.length = 0;
    let nextTask = 0;
    vi.stubGlobal('fetch', async (url: URL, init: RequestInit) => {
      if (fail === 'network') throw new TypeError('fetch failed: connect ECONNREFUSED');
      const path = url.pathname + url.search;
      const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
      calls.push({ method: init.method ?? 'GET', path, body });
      const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
      const task = /^\/tasks\/(\d+)$/.exec(url.pathname);
      if (task) {
        const error = failTasks ? { message: 'Index `x`: invalid filter', code: 'invalid_search_filter', type: 'invalid_request', link: '' } : null;
        return json({ uid: Number(task[1]), status: failTasks ? 'failed' : 'succeeded', type: 'documentAdditionOrUpdate', error });
      }
      if (url.pathname.endsWith('/search')) return json(searchAnswer);
      if (url.pathname.endsWith('/stats')) return json({ numberOfDocuments: 12 });
      if (init.method === 'GET') return json({ message: 'not found', code: 'index_not_found', type: 'invalid_request', link: '' }, 404);
      return json({ taskUid: ++nextTask, indexUid: null, status: 'enqueued', type: 'documentAdditionOrUpdate', enqueuedAt: new Date().toISOString() }, 202);
    });
  };
  const make = () => createMeilisearchIndex({ url: 'http://meili.test:7700', key: 'k', index: 'cases' });
  const writes = () => calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
  afterEach(() => {
    vi.unstubAllGlobals();
    failTasks = false;
  });

  it('rebuilds through a temporary index and an atomic swap, waiting for each task', async () => {
    stub();
    await make().replaceAll(corpus, { fingerprint: 'fp1' });
    expect(writes()).toEqual([
      'DELETE /indexes/cases_rebuild',
      'POST /indexes',
      'PATCH /indexes/cases_rebuild/settings',
      'POST /indexes/cases_rebuild/documents?primaryKey=id',
      'POST /indexes',
      'POST /swap-indexes',
      'DELETE /indexes/cases_rebuild',
      'POST /indexes/cases_meta/documents?primaryKey=id',
    ]);
    expect(calls.filter((c) => c.path.startsWith('/tasks/'))).toHaveLength(8);
    expect(calls.find((c) => c.path.endsWith('/settings'))!.body).toEqual(meilisearchSettings);
    expect(calls.find((c) => c.path === '/swap-indexes')!.body).toEqual([{ indexes: ['cases', 'cases_rebuild'] }]);
    expect(calls.find((c) => c.path.startsWith('/indexes/cases_rebuild/documents'))!.body).toEqual(corpus);
    expect(calls.find((c) => c.path.startsWith('/indexes/cases_meta'))!.body).toMatchObject([{ id: 'search-index', fingerprint: 'fp1', documents: corpus.length }]);
  });

  it('sends a typed query as quoted filters, a sort and exhaustive pagination', async () => {
    stub();
    const { _geo, ...rest } = corpus[0]!;
    searchAnswer = {
      hits: [{ ...rest, _geo, _geoDistance: 1234, _rankingScore: 0.9 }], totalHits: 41, page: 2, hitsPerPage: 5, totalPages: 9, processingTimeMs: 1, query: 'alopcia',
      facetDistribution: { treatment: { 'alopecia-areata': 41 }, city: { Pune: 30, 'Say "hi"': 11 } },
    };
    const result = await make().search({
      q: ' alopcia ', treatment: ['alopecia-areata'], city: ['Pune', 'Say "hi"'], norwood: [3, 4], evidence: ['signed-capture', 'camera-original'], healed: true,
      near: { lat: 18.5, lng: 73.8, radiusKm: 25.5 }, sort: 'distance', page: 2, perPage: 5,
    });
    expect(calls.at(-1)).toEqual({
      method: 'POST', path: '/indexes/cases/search', body: {
        q: 'alopcia',
        filter: ['treatment IN ["alopecia-areata"]', 'city IN ["Pune", "Say \\"hi\\""]', 'norwood IN [3, 4]', 'evidence IN ["signed-capture", "camera-original"]', 'verifiedHealed = true', '_geoRadius(18.5, 73.8, 25500)'],
        sort: ['_geoPoint(18.5, 73.8):asc'], facets: ['treatment', 'country', 'city', 'stage', 'fitzpatrick', 'evidence', 'norwood', 'ludwig', 'scarType'], page: 2, hitsPerPage: 5, matchingStrategy: 'all',
      },
    });
    expect(result).toMatchObject({ total: 41, page: 2, perPage: 5 });
    expect(result.facets).toEqual({ treatment: { 'alopecia-areata': 41 }, country: {}, city: { Pune: 30, 'Say "hi"': 11 }, stage: {}, fitzpatrick: {}, evidence: {}, norwood: {}, ludwig: {}, scarType: {} });
    expect(result.hits[0]).toEqual({ ...corpus[0], distanceKm: expect.closeTo(haversineKm(18.5, 73.8, _geo.lat, _geo.lng), 2) });
  });

  it('filters scar types and practitioners, and counts practitioners under their document field', async () => {
    stub();
    searchAnswer = { hits: [], totalHits: 3, page: 1, hitsPerPage: 1, totalPages: 3, processingTimeMs: 1, query: '', facetDistribution: { practitionerSlug: { 'ana-ribeiro': 2, 'ben-carter': 1 } } };
    const result = await make().search({ scarType: ['fut'], practitioner: ['ana-ribeiro', 'ben-carter'], facets: ['practitioner'], perPage: 1 });
    expect(calls.at(-1)?.body).toMatchObject({ filter: ['scarType IN ["fut"]', 'practitionerSlug IN ["ana-ribeiro", "ben-carter"]'], facets: ['practitionerSlug'] });
    expect(result.facets).toEqual({ practitioner: { 'ana-ribeiro': 2, 'ben-carter': 1 } });
  });

  it('says Meilisearch is unavailable when it does not answer, and health reports it', async () => {
    stub('network');
    const index = make();
    await expect(index.search({ q: 'pune' })).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(index.upsert(corpus.slice(0, 1))).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(await index.health()).toMatchObject({ ok: false });
  });

  it('rejects a write whose task failed, giving the server\'s reason', async () => {
    stub();
    failTasks = true;
    await expect(make().remove(['pune-alopecia-1'])).rejects.toThrow(/invalid filter/);
  });

  it('reads a missing index as "no fingerprint" (so start-up builds it)', async () => {
    stub();
    expect(await make().indexedFingerprint!()).toBeUndefined();
    expect(await make().health()).toMatchObject({ ok: true, documents: 12 });
  });
});
