import { CACHE_PURGE_URL, DATA_DIR, HEALED_FAULT_AFTER_STEP, HEALED_MODE, MEILI_INDEX, MEILI_KEY, MEILI_URL, ORIGINALS_RETENTION, PORTFOLIOS_DIR, UPLOADTHING_TOKEN } from 'astro:env/server';
import { resolveConfig, type HealedConfig } from './resolve.ts';

export type { HealedConfig } from './resolve.ts';

/** The server's config, read once from `astro:env` (validated by Astro at start). */
export const config: HealedConfig = resolveConfig({ DATA_DIR, PORTFOLIOS_DIR, HEALED_MODE, UPLOADTHING_TOKEN, MEILI_URL, MEILI_KEY, MEILI_INDEX, ORIGINALS_RETENTION, HEALED_FAULT_AFTER_STEP, CACHE_PURGE_URL });
