// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { configFields } from './src/lib/config/fields.ts';
import { bodyLimits } from './src/lib/http/limits.ts';
import { healedRouteCache } from './src/lib/cache/route-cache-config.ts';
import { compressedAssets } from './src/lib/compression/integration.ts';

/** Every config field becomes a server-only astro:env variable with its documented default. */
const envSchema = Object.fromEntries(
  Object.entries(configFields).map(([name, field]) => [
    name,
    // 'secret' because server secrets are read at run time; public ones would be inlined at build.
    envField.string({ context: 'server', access: 'secret', default: field.default, optional: true }),
  ]),
);

export default defineConfig({
  output: 'server',
  // The adapter's own cap is a backstop above the largest body any route reads (an upload): each
  // route's reader enforces its own limit first, as the body arrives, with a 413 (src/lib/http).
  adapter: node({ mode: 'standalone', bodySizeLimit: bodyLimits.photo + 1024 * 1024 }),
  // compressedAssets: the built JS/CSS go through Astro, so they are compressed like pages.
  integrations: [react(), compressedAssets()],
  // Astro's <Image> would copy source photos (GPS and all) into dist/; Healed serves only its own
  // sanitized variants, so the built-in image service is switched off entirely.
  image: { service: { entrypoint: 'astro/assets/services/noop' } },
  env: { schema: envSchema, validateSecrets: true },
  security: {
    // Off: src/lib/security/origin.ts checks every unsafe method and content type (Astro's covers
    // forms only, answers in plain text, and compares with the request's own Host), against the
    // configured SITE_URL.
    checkOrigin: false,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  // Gallery pages are rendered on demand and kept in memory (compressed, with shared-cache headers:
  // src/lib/cache/route-cache-provider.ts); publishing invalidates them by tag. No cached page reads
  // its query string, so none is part of the key: `?x=1`, `?x=2`… cannot fill the cache and evict
  // real pages (the Host is checked before Astro sees the request).
  cache: { provider: healedRouteCache({ max: 5000, query: { include: [] } }) },
  routeRules: {
    '/': { maxAge: 3600, swr: 60 },
    '/about': { maxAge: 3600 },
    '/practitioners/[slug]': { maxAge: 3600, swr: 60 },
    '/cases/[id]': { maxAge: 3600, swr: 60 },
    '/treatments/[...rest]': { maxAge: 3600, swr: 60 },
    '/locations/[...rest]': { maxAge: 3600, swr: 60 },
  },
  trailingSlash: 'ignore',
  server: { port: 4321 },
  devToolbar: { enabled: false },
  // No Markdown is rendered; Shiki's inline styles would also clash with the CSP.
  markdown: { syntaxHighlight: false },
});
