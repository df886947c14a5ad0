import type { CacheProviderConfig } from 'astro';

/** Options of the route cache: those of Astro's `memoryCache()` (max entries, query keys). */
export type RouteCacheOptions = Record<string, unknown> & { max?: number };

/** `cache.provider` for astro.config.mjs: Healed's provider (the path is resolved from the project root). */
export function healedRouteCache(options: RouteCacheOptions = {}): CacheProviderConfig<RouteCacheOptions> {
  return { name: 'healed-memory', entrypoint: './src/lib/cache/route-cache-provider.ts', config: options };
}
