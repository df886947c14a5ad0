import { config } from '../config/index.ts';

/**
 * An absolute URL on the public site (`SITE_URL`), for canonical links, Open Graph, JSON-LD, the
 * sitemap and robots.txt. Never built from the request: its `Host` header is the client's to choose.
 */
export function absoluteUrl(path: string): string {
  return new URL(path, config.site.origin).href;
}
