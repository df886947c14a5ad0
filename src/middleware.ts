import { defineMiddleware } from 'astro:middleware';
import { applySecurityHeaders } from './lib/security/headers.ts';
import { startup } from './lib/gallery/server.ts';

void startup;

/** Security headers on every response, cached or not. */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  applySecurityHeaders(response.headers);
  return response;
});
