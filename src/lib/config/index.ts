import * as env from 'astro:env/server';
import { resolveConfig, type HealedConfig } from './resolve.ts';

export type { HealedConfig } from './resolve.ts';

/**
 * The server's config, read once from `astro:env` (every field of `fields.ts`, validated by Astro
 * at start) and resolved by the same rules scripts use.
 */
export const config: HealedConfig = resolveConfig(env);
