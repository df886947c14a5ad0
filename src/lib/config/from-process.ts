import { resolveConfig, type HealedConfig } from './resolve.ts';

/** Config for scripts (`npm run build`, `check`, `demo`…), which run outside Astro. */
export function configFromProcess(): HealedConfig {
  return resolveConfig(process.env);
}
