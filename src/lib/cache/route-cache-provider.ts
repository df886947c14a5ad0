/**
 * Healed's route-cache provider (`cache.provider` in astro.config.mjs): Astro's memory cache, with
 * compression and shared-cache headers applied to what it stores, so a HIT replays compressed
 * bytes and does no work. Astro calls it around every request (middleware included), so this is
 * also where every answer is compressed. Invalidating tags through it (`context.cache.invalidate`)
 * reaches the other instances and the shared cache too (route-cache-link.ts, invalidation-feed.ts).
 */
import memoryCache from 'astro/cache/memory';
import type { CacheProvider, CacheProviderFactory } from 'astro';
import { compressResponse, negotiateCoding } from '../compression/index.ts';
import { requestsInFlight } from '../http/in-flight.ts';
import { routeCacheLink } from './route-cache-link.ts';
import { applySharedCacheHeaders } from './shared-headers.ts';

type MemoryOptions = Parameters<typeof memoryCache>[0];

const provider: CacheProviderFactory<NonNullable<MemoryOptions>> = (options): CacheProvider => {
  const memory = memoryCache(options);
  routeCacheLink.attachLocal((invalidation) => memory.invalidate(invalidation));
  return {
    name: 'healed-memory',
    async onRequest(context, next) {
      const coding = negotiateCoding(context.request.headers.get('Accept-Encoding'));
      // The memory cache keys a varying page by the raw request header: normalised to the coding
      // we answer with, one page has at most three entries (Varnish normalises it the same way).
      context.request.headers.set('Accept-Encoding', coding);
      // Counted until its answer is made (a page's whole body, compressed): start-up work waits for it.
      const answered = requestsInFlight.started();
      try {
        return await memory.onRequest!(context, async () => {
          const response = await next();
          applySharedCacheHeaders(response);
          return compressResponse(response, coding);
        });
      } finally {
        answered();
      }
    },
    async invalidate(options) {
      if (options.path) await memory.invalidate({ path: options.path });
      if (options.tags) await routeCacheLink.invalidate(Array.isArray(options.tags) ? options.tags : [options.tags]);
    },
  };
};

export default provider;
