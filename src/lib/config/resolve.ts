import path from 'node:path';
import { configFields, type ConfigName } from './fields.ts';

/** Resolved configuration: absolute paths, defaults applied. */
export interface HealedConfig {
  /** Absolute path of the data folder (database, originals, variants). */
  dataDir: string;
  /** Absolute path of the published portfolios folder. */
  portfoliosDir: string;
  /** `demo` seeds the demo accounts; `production` refuses to start while any demo account exists. */
  mode: 'demo' | 'production';
  /** Where private originals go: local disk unless an UploadThing token is given. */
  storage: { driver: 'local' } | { driver: 'uploadthing'; token: string };
  /** Test-only: the publish step after which the server kills itself (the crash test sets it). */
  faultAfterStep?: string;
  /** Search engine: embedded unless a Meilisearch URL is given. */
  search: { engine: 'embedded' } | { engine: 'meilisearch'; url: string; key: string; index: string };
  /** A withdrawn case's private originals (and masters): deleted (default) or kept. */
  originalsRetention: 'delete' | 'keep';
  /** Where to purge the shared HTTP cache in front (Varnish xkey); empty when there is none. */
  cachePurgeUrl: string;
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
  const meiliUrl = env.MEILI_URL?.trim();
  if (meiliUrl && !URL.canParse(meiliUrl)) throw new Error(`MEILI_URL "${meiliUrl}" is not a URL: set it to e.g. http://127.0.0.1:7700, or unset it for embedded search.`);
  const search: HealedConfig['search'] = meiliUrl
    ? { engine: 'meilisearch', url: meiliUrl, key: env.MEILI_KEY?.trim() ?? '', index: env.MEILI_INDEX?.trim() || configFields.MEILI_INDEX.default }
    : { engine: 'embedded' };
  const mode = env.HEALED_MODE?.trim() || configFields.HEALED_MODE.default;
  if (mode !== 'demo' && mode !== 'production') throw new Error(`HEALED_MODE "${mode}" is not known: set it to demo or production.`);
  const token = env.UPLOADTHING_TOKEN?.trim();
  const storage: HealedConfig['storage'] = token ? { driver: 'uploadthing', token } : { driver: 'local' };
  const originalsRetention = env.ORIGINALS_RETENTION?.trim() || configFields.ORIGINALS_RETENTION.default;
  if (originalsRetention !== 'delete' && originalsRetention !== 'keep') {
    throw new Error(`ORIGINALS_RETENTION "${originalsRetention}" is not known: set it to delete or keep.`);
  }
  const faultAfterStep = env.HEALED_FAULT_AFTER_STEP?.trim() || undefined;
  const cachePurgeUrl = env.CACHE_PURGE_URL?.trim() ?? '';
  if (cachePurgeUrl && !/^https?:\/\//.test(cachePurgeUrl)) {
    throw new Error(`CACHE_PURGE_URL "${cachePurgeUrl}" is not an http(s) URL: set it to your Varnish, e.g. http://127.0.0.1:6081/, or unset it when no shared cache is in front.`);
  }
  return {
    dataDir: read('DATA_DIR'), portfoliosDir: read('PORTFOLIOS_DIR'), mode, storage, search, originalsRetention, cachePurgeUrl,
    ...(faultAfterStep ? { faultAfterStep } : {}),
  };
}
