import { PurgeError, type SharedCachePurge } from './types.ts';

/** A purge that takes longer has failed: it is retried from the database, never waited on for long. */
const timeoutMs = 5_000;

/**
 * Purges Varnish by tag through vmod xkey: `PURGE` to `url` with the tags, space-separated, in
 * `xkey-purge` (what deploy/varnish/default.vcl reads; only the app's addresses may send it).
 * Varnish answers 200 with the number of objects purged, which may be 0.
 */
export function createVarnishPurge(url: string): SharedCachePurge {
  return {
    name: 'varnish-xkey',
    async purge(tags) {
      if (tags.length === 0) return;
      let response: Response;
      try {
        response = await fetch(url, { method: 'PURGE', headers: { 'xkey-purge': tags.join(' ') }, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new PurgeError(`purging ${tags.join(' ')} at ${url} failed: ${(error as Error).message}`, { cause: error });
      }
      const text = await response.text();
      if (response.status !== 200) throw new PurgeError(`purging ${tags.join(' ')} at ${url}: Varnish answered ${response.status} ${text.slice(0, 200)}`);
    },
  };
}

/** No shared cache configured: nothing to purge. */
export const noSharedCache: SharedCachePurge = { name: 'none', purge: async () => {} };

/** The purge for `CACHE_PURGE_URL`: Varnish when set, nothing when empty. */
export function createSharedCachePurge(purgeUrl: string): SharedCachePurge {
  return purgeUrl ? createVarnishPurge(purgeUrl) : noSharedCache;
}
