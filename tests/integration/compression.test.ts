/**
 * Compression over real HTTP: pages, JSON and the built JS arrive Brotli or gzip as asked, decode
 * to the same bytes as the uncompressed answer, and a repeat is a route-cache HIT.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** A GET with raw bytes (fetch would decode them), as a browser sending `acceptEncoding` sees it. */
function raw(urlPath: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url + urlPath, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
const decode = (answer: Awaited<ReturnType<typeof raw>>) =>
  answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;

describe('compression', () => {
  it('answers a page as Brotli, gzip or plain as asked, all the same page, and replays the compressed bytes on a HIT', async () => {
    const plain = await raw('/practitioners/ana-ribeiro/', 'identity');
    const brotli = await raw('/practitioners/ana-ribeiro/', 'gzip, deflate, br');
    const gzip = await raw('/practitioners/ana-ribeiro/', 'gzip');
    expect([plain.headers['content-encoding'], brotli.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual([undefined, 'br', 'gzip']);
    for (const answer of [plain, brotli, gzip]) expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decode(brotli).equals(plain.body)).toBe(true);
    expect(decode(gzip).equals(plain.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
    const again = await raw('/practitioners/ana-ribeiro/', 'br');
    expect(again.headers['x-astro-cache']).toBe('HIT');
    expect(again.body.equals(brotli.body)).toBe(true);
  });

  it('compresses JSON answers', async () => {
    const answer = await raw('/api/search?q=hairline', 'br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(answer).toString()).hits.length).toBeGreaterThan(0);
  });

  it('serves the built JS compressed and immutable, from the route cache on a repeat', async () => {
    const page = decode(await raw('/search', 'br')).toString();
    const script = page.match(/\/_astro\/[\w.-]+\.js/)?.[0];
    expect(script, 'a built script on /search').toBeDefined();
    const first = await raw(script!, 'br');
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-type']).toMatch(/javascript/);
    expect(first.headers['cache-control']).toContain('immutable');
    expect((await raw(script!, 'br')).headers['x-astro-cache']).toBe('HIT');
    expect((await raw('/_astro/no-such-file.js', 'br')).status).toBe(404);
  });

  it('names an absolute sitemap in robots.txt', async () => {
    const robots = decode(await raw('/robots.txt', 'identity')).toString();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
  });
});
