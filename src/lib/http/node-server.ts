import http from 'node:http';
import { defaultSecurityHeaders } from '../security/headers.ts';

/** A Node request listener: Astro's standalone handler (static files, then the app). */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** What the server guards and how long it waits. */
export interface HealedServerOptions {
  /** Origins the site answers as (config `site.allowedOrigins`): any other `Host` is refused. */
  allowedOrigins: readonly string[];
  /** A client has this long to send its request headers (slowloris). */
  headersTimeoutMs: number;
  /** A connection silent this long (a stalled body or download) is closed; uploads that keep sending are not cut. */
  idleTimeoutMs: number;
}

/** The methods the site answers at all; anything else (TRACE, CONNECT, WebDAV…) is refused before Astro sees it. */
export const servedMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The host names a request may carry, from the allowed origins. Pure.
 * `https://healed.example` → `healed.example` and `healed.example:443`.
 */
export function allowedHosts(origins: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const origin of origins) {
    const url = new URL(origin);
    hosts.add(url.host);
    hosts.add(`${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`);
  }
  return hosts;
}

/**
 * Why a request is refused before routing, or undefined to serve it. Pure. A foreign `Host`
 * would otherwise become the origin of every absolute URL the page prints and a new route-cache
 * entry per host; TRACE and CONNECT cannot even be turned into a fetch `Request` (Astro would
 * answer 500).
 */
export function refusal(method: string | undefined, host: string | undefined, hosts: Set<string>): { status: number; code: string; message: string } | undefined {
  if (!servedMethods.includes((method ?? '') as (typeof servedMethods)[number])) {
    return { status: 405, code: 'method-not-allowed', message: `${method ?? 'This method'} is not answered here: use ${servedMethods.join(', ')}.` };
  }
  if (!host || !hosts.has(host.toLowerCase())) {
    return { status: 400, code: 'unknown-host', message: `This server answers for ${[...hosts][0]} only: request it by that name.` };
  }
  return undefined;
}

/**
 * The HTTP server around Astro's handler: the security headers preset on every answer (Astro's
 * own 500s and static files included; routes override them), unknown hosts and methods refused,
 * and connection limits: headers within `headersTimeoutMs`, no total request time (a 25 MB upload
 * on a slow phone is fine while bytes keep coming), and silence for `idleTimeoutMs` closes the
 * connection.
 */
export function createHealedServer(handler: NodeHandler, options: HealedServerOptions): http.Server {
  const hosts = allowedHosts(options.allowedOrigins);
  const server = http.createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: 0,
      // Node checks the headers deadline on this interval (default 30 s): check often enough
      // that the deadline means what it says.
      connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs),
    },
    (req, res) => {
      for (const [name, value] of Object.entries(defaultSecurityHeaders)) res.setHeader(name, value);
      const refused = refusal(req.method, req.headers.host, hosts);
      if (!refused) return handler(req, res);
      const body = JSON.stringify({ error: { code: refused.code, message: refused.message } });
      res.writeHead(refused.status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        // The body of a refused request is never read.
        Connection: 'close',
        ...(refused.status === 405 ? { Allow: servedMethods.join(', ') } : {}),
      });
      res.end(body);
    },
  );
  server.setTimeout(options.idleTimeoutMs);
  return server;
}
