import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import createProvider from '../../src/lib/cache/route-cache-provider.ts';

const logger = { info() {}, warn() {}, error() {} };
const body = '<!doctype html><p>A healed case</p>'.repeat(200);

/** A provider and a way to request through it, counting how often the page is rendered. */
function harness() {
  const provider = createProvider({ max: 100 });
  let renders = 0;
  const get = async (path: string, acceptEncoding: string, page: () => Response) => {
    const request = new Request(`http://healed.test${path}`, { headers: { 'Accept-Encoding': acceptEncoding } });
    const response = await provider.onRequest!({ request, url: new URL(request.url), logger }, async () => (renders++, page()));
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  return { provider, get, renders: () => renders };
}

/** A page the way Astro hands it to the provider: routeRules' max-age and the page's tags in headers. */
const cachedPage = () =>
  new Response(body, { headers: { 'Content-Type': 'text/html', 'CDN-Cache-Control': 'max-age=3600, stale-while-revalidate=60', 'Cache-Tag': 'case:ana-1, practitioner:ana' } });

describe('route-cache provider', () => {
  it('keeps the compressed page: a HIT replays the same Brotli bytes without rendering or compressing', async () => {
    const { get, renders } = harness();
    const first = await get('/cases/ana-1/', 'gzip, deflate, br, zstd', cachedPage);
    expect(first.response.headers.get('X-Astro-Cache')).toBe('MISS');
    expect(first.response.headers.get('Content-Encoding')).toBe('br');
    // Another browser's header that means the same coding shares the entry.
    const second = await get('/cases/ana-1/', 'br', cachedPage);
    expect(second.response.headers.get('X-Astro-Cache')).toBe('HIT');
    expect(second.response.headers.get('Content-Encoding')).toBe('br');
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(brotliDecompressSync(second.bytes).toString()).toBe(body);
    expect(renders()).toBe(1);
  });

  it('keeps one entry per coding', async () => {
    const { get, renders } = harness();
    await get('/x/', 'br', cachedPage);
    const gzip = await get('/x/', 'gzip', cachedPage);
    const plain = await get('/x/', '', cachedPage);
    expect([gzip.response.headers.get('Content-Encoding'), plain.response.headers.get('Content-Encoding')]).toEqual(['gzip', null]);
    expect(plain.bytes.toString()).toBe(body);
    expect(renders()).toBe(3);
    for (const coding of ['br', 'gzip', 'identity']) expect((await get('/x/', coding, cachedPage)).response.headers.get('X-Astro-Cache')).toBe('HIT');
    expect(renders()).toBe(3);
  });

  it('tells shared caches what they may keep and under which tags', async () => {
    const { get } = harness();
    const { response } = await get('/cases/ana-1/', 'br', cachedPage);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=0, s-maxage=3600, stale-while-revalidate=60');
    expect(response.headers.get('xkey')).toBe('case:ana-1 practitioner:ana');
    const hit = await get('/cases/ana-1/', 'br', cachedPage);
    expect(hit.response.headers.get('xkey')).toBe('case:ana-1 practitioner:ana');
  });

  it('marks answers that are not route-cached no-store, and keeps a Cache-Control the route set', async () => {
    const { get } = harness();
    const plain = await get('/login', 'br', () => new Response(body, { headers: { 'Content-Type': 'text/html' } }));
    expect(plain.response.headers.get('Cache-Control')).toBe('no-store');
    expect(plain.response.headers.get('xkey')).toBeNull();
    const own = await get('/account', 'br', () => new Response(body, { headers: { 'Content-Type': 'text/html', 'Cache-Control': 'private, no-store' } }));
    expect(own.response.headers.get('Cache-Control')).toBe('private, no-store');
  });

  it('never marks public an answer that sets a cookie through Astro.cookies', async () => {
    const { get } = harness();
    const withCookie = () => {
      const response = cachedPage();
      Reflect.set(response, Symbol.for('astro.cookies'), { headers: () => ['healed-session=x'][Symbol.iterator]() });
      return response;
    };
    const { response } = await get('/cases/ana-1/', 'br', withCookie);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('xkey')).toBeNull();
  });

  it('drops every coding of a page when one of its tags is invalidated', async () => {
    const { provider, get, renders } = harness();
    for (const coding of ['br', 'gzip']) await get('/cases/ana-1/', coding, cachedPage);
    await provider.invalidate({ tags: ['practitioner:ana'] });
    for (const coding of ['br', 'gzip']) expect((await get('/cases/ana-1/', coding, cachedPage)).response.headers.get('X-Astro-Cache')).toBe('MISS');
    expect(renders()).toBe(4);
  });
});
