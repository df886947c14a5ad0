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
  /** The public site: every absolute URL is built from `origin`; writes and hosts are checked against it. */
  site: SiteConfig;
  /** Mail: none (the app shows what it would mail), or SMTP. */
  mail: { driver: 'none' } | { driver: 'smtp'; url: string; from: string };
  /** Where the HTTP server listens, and its connection limits (milliseconds). */
  http: { host: string; port: number; headersTimeoutMs: number; idleTimeoutMs: number };
  /** Absolute path of the PEM file of trust anchors for Content Credentials (C2PA). */
  c2paTrustAnchors: string;
  /** Where to purge the shared HTTP cache in front (Varnish xkey); empty when there is none. */
  cachePurgeUrl: string;
}

/** Where the site lives publicly. */
export interface SiteConfig {
  /** `https://healed.example` (no trailing slash): canonical links, sitemap, Open Graph, JSON-LD. */
  origin: string;
  /** Origins the site answers as: `origin`, plus its loopback aliases in demo mode. */
  allowedOrigins: string[];
}

/**
 * Resolves config from an environment-like record. Scripts pass `process.env`; the server passes
 * the values it got from `astro:env`, so both apply the same defaults and the same checks.
 */
export function resolveConfig(env: Partial<Record<ConfigName, string | undefined>>, cwd = process.cwd()): HealedConfig {
  const read = (name: ConfigName) => {
    const value = env[name]?.trim() || configFields[name].default;
    if (value.includes('\0')) throw new Error(`${name} contains a NUL byte: set it to a plain path.`);
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
  const portText = env.PORT?.trim() || configFields.PORT.default;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${portText}" is not a port number: set it to e.g. 4321.`);
  const host = env.HOST?.trim() || configFields.HOST.default;
  const http = { host, port, headersTimeoutMs: seconds(env, 'HTTP_HEADERS_TIMEOUT') * 1000, idleTimeoutMs: seconds(env, 'HTTP_IDLE_TIMEOUT') * 1000 };
  const site = resolveSite(env.SITE_URL?.trim() ?? '', mode, port);
  const smtpUrl = env.SMTP_URL?.trim();
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}" is not an smtp:// or smtps:// URL: set it to e.g. smtps://user:pass@mail.example:465, or unset it.`);
  const mail: HealedConfig['mail'] = smtpUrl ? { driver: 'smtp', url: smtpUrl, from: env.SMTP_FROM?.trim() || configFields.SMTP_FROM.default } : { driver: 'none' };
  const cachePurgeUrl = env.CACHE_PURGE_URL?.trim() ?? '';
  if (cachePurgeUrl && !/^https?:\/\//.test(cachePurgeUrl)) {
    throw new Error(`CACHE_PURGE_URL "${cachePurgeUrl}" is not an http(s) URL: set it to your Varnish, e.g. http://127.0.0.1:6081/, or unset it when no shared cache is in front.`);
  }
  return {
    dataDir: read('DATA_DIR'), portfoliosDir: read('PORTFOLIOS_DIR'), c2paTrustAnchors: read('C2PA_TRUST_ANCHORS'), mode, storage, search, originalsRetention, site, http, mail, cachePurgeUrl,
    ...(faultAfterStep ? { faultAfterStep } : {}),
  };
}

/**
 * The public origin. Production must name it: a site that builds its links from the request's
 * `Host` header lets anyone who controls that header choose them. Demo mode serves
 * http://localhost:PORT and also answers as 127.0.0.1 and [::1] on that port.
 */
export function resolveSite(siteUrl: string, mode: 'demo' | 'production', port: number): SiteConfig {
  if (!siteUrl && mode === 'production') throw new Error('SITE_URL is required with HEALED_MODE=production: set it to the public origin, e.g. https://healed.example.');
  const loopback = ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${port}`);
  if (!siteUrl) return { origin: loopback[0]!, allowedOrigins: loopback };
  const url = URL.canParse(siteUrl) ? new URL(siteUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`SITE_URL "${siteUrl}" is not an origin: set it to the scheme and host only, e.g. https://healed.example.`);
  }
  const allowedOrigins = mode === 'demo' ? [...new Set([url.origin, ...loopback])] : [url.origin];
  return { origin: url.origin, allowedOrigins };
}

/** A positive whole number of seconds from the environment, or its documented default. */
function seconds(env: Partial<Record<ConfigName, string | undefined>>, name: 'HTTP_HEADERS_TIMEOUT' | 'HTTP_IDLE_TIMEOUT'): number {
  const text = env[name]?.trim() || configFields[name].default;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 3600) throw new Error(`${name} "${text}" is not a number of seconds between 1 and 3600: set it to e.g. ${configFields[name].default}.`);
  return value;
}
