import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSharedCachePurge, PurgeError } from '../../src/lib/cache/index.ts';
import { resolveConfig } from '../../src/lib/config/resolve.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A stand-in Varnish on loopback that records purges and answers `status`. */
async function fakeVarnish(status: number): Promise<{ url: string; seen: Array<{ method: string; keys: string }> }> {
  const seen: Array<{ method: string; keys: string }> = [];
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', keys: String(req.headers['xkey-purge'] ?? '') });
    res.statusCode = status;
    res.end(status === 200 ? 'Purged 2' : 'nope');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, seen };
}

describe('Varnish xkey purge', () => {
  it('sends PURGE with the tags, space-separated, in xkey-purge', async () => {
    const varnish = await fakeVarnish(200);
    await createSharedCachePurge(varnish.url).purge(['case:ana-1', 'practitioner:ana', 'listing']);
    expect(varnish.seen).toEqual([{ method: 'PURGE', keys: 'case:ana-1 practitioner:ana listing' }]);
  });

  it('rejects when Varnish refuses or cannot be reached, so the purge is retried', async () => {
    const varnish = await fakeVarnish(403);
    await expect(createSharedCachePurge(varnish.url).purge(['listing'])).rejects.toBeInstanceOf(PurgeError);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(createSharedCachePurge(varnish.url).purge(['listing'])).rejects.toThrow(/failed/);
  });

  it('purges nothing when no shared cache is configured', async () => {
    const none = createSharedCachePurge('');
    expect(none.name).toBe('none');
    await expect(none.purge(['listing'])).resolves.toBeUndefined();
  });

  it('CACHE_PURGE_URL must be an http(s) URL, and says how to fix it', () => {
    expect(resolveConfig({ CACHE_PURGE_URL: 'http://127.0.0.1:6081/' }).cachePurgeUrl).toBe('http://127.0.0.1:6081/');
    expect(resolveConfig({}).cachePurgeUrl).toBe('');
    expect(() => resolveConfig({ CACHE_PURGE_URL: '127.0.0.1:6081' })).toThrow(/CACHE_PURGE_URL .* http\(s\) URL: set it to your Varnish/);
  });
});
