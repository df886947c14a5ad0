/**
 * Every environment variable Healed reads, declared once. `astro.config.mjs` turns these into
 * `astro:env` fields for the server; scripts resolve the same list with `resolveConfig()`, so a
 * script and the server can never disagree about a default.
 */
export const configFields = {
  /** Where the database, private originals and the image variant store live. */
  DATA_DIR: { default: './data', description: 'folder for the database, originals and image variants' },
  /** Published content: one folder per practitioner (see ARCHITECTURE.md). */
  PORTFOLIOS_DIR: { default: './portfolios', description: 'folder of published portfolios' },
  /** Meilisearch server; empty means the embedded in-process engine. */
  MEILI_URL: { default: '', description: 'Meilisearch URL, e.g. http://127.0.0.1:7700 (empty: embedded search)' },
  /** Meilisearch API key (a search+documents key, not the master key, in production). */
  MEILI_KEY: { default: '', description: 'Meilisearch API key' },
  /** `demo` seeds demo accounts (what `npm start` runs); `production` refuses to start while any exist. */
  HEALED_MODE: { default: 'demo', description: 'demo or production' },
  /** UploadThing token; empty means originals are stored on local disk under DATA_DIR. */
  UPLOADTHING_TOKEN: { default: '', description: 'UploadThing token (empty: local disk storage)' },
  /** Index name in Meilisearch. */
  MEILI_INDEX: { default: 'cases', description: 'Meilisearch index name' },
  /** Test-only crash hook: the server SIGKILLs itself right after recording this publish step. */
  HEALED_FAULT_AFTER_STEP: { default: '', description: 'test only: publish step after which the server kills itself (crash test)' },
  /** What happens to a withdrawn case's private originals: `delete` (consent is gone) or `keep`. */
  ORIGINALS_RETENTION: { default: 'delete', description: 'delete or keep the originals of a withdrawn case' },
  /** Port the server listens on. */
  PORT: { default: '4321', description: 'port the server listens on' },
  /** Interface the server listens on (`0.0.0.0` accepts outside connections). */
  HOST: { default: 'localhost', description: 'interface to listen on' },
  /**
   * The public origin of the site: canonical links, Open Graph, JSON-LD, the sitemap and the
   * origin check of every write use it, and requests for any other host are refused. Required
   * in production; demo mode uses http://localhost:PORT and accepts its loopback aliases.
   */
  SITE_URL: { default: '', description: 'public origin, e.g. https://healed.example (required in production)' },
  /** SMTP server for mail (inquiries, client links); empty sends no mail (the app shows links instead). */
  SMTP_URL: { default: '', description: 'SMTP URL, e.g. smtps://user:pass@mail.example:465 (empty: no mail)' },
  /** The From address of Healed's mail. */
  SMTP_FROM: { default: 'Healed <no-reply@localhost>', description: 'From address of the mail Healed sends' },
  /** Seconds a client has to send its request headers. */
  HTTP_HEADERS_TIMEOUT: { default: '10', description: 'seconds a client has to send the request headers' },
  /** Seconds a connection may stay silent (a stalled body, a stalled download) before it is closed. */
  HTTP_IDLE_TIMEOUT: { default: '30', description: 'seconds without a byte before a connection is closed' },
  /** Certificates trusted to sign Content Credentials (PEM); default: the shipped official C2PA trust list. */
  C2PA_TRUST_ANCHORS: { default: './trust-anchors/C2PA-TRUST-LIST.pem', description: 'PEM file of the certificates trusted to sign photos at capture (C2PA)' },
  /** The shared HTTP cache's purge address (Varnish with xkey, see deploy/varnish/default.vcl); empty: none in front. */
  CACHE_PURGE_URL: { default: '', description: 'URL to send PURGE requests with xkey-purge tags to, e.g. http://127.0.0.1:6081/ (empty: no shared cache)' },
} as const;

export type ConfigName = keyof typeof configFields;
