import path from 'node:path';
import { configFields, type ConfigName } from './fields.ts';

/** Resolved configuration: absolute paths, defaults applied. */
export interface HealedConfig {
  /** Absolute path of the data folder (database, originals, variants). */
  dataDir: string;
  /** Absolute path of the published portfolios folder. */
  portfoliosDir: string;
}

/**
 * Resolves config from an environment-like record. Scripts pass `process.env`; the server passes
 * the values it got from `astro:env`, so both apply the same defaults and the same checks.
 */
export function resolveConfig(env: Partial<Record<ConfigName, string | undefined>>, cwd = process.cwd()): HealedConfig {
  const read = (name: ConfigName) => {
    const value = env[name]?.trim() || configFields[name].default;
    if (value.includes('\0')) throw new Error(`${name} contains a NUL byte: set it to a plain folder path.`);
    return path.resolve(cwd, value);
  };
  return { dataDir: read('DATA_DIR'), portfoliosDir: read('PORTFOLIOS_DIR') };
}
