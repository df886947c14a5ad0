import http from 'node:http';
import type { Duplex } from 'node:stream';
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
      closeAfterUnreadBody(req, res);
      res.once('finish', () => lingerAfterAnswer(req));
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
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket));
  return server;
}

/**
 * What is left of a request body after its answer (a route refused it for its size, refused the
 * request before reading it, or did not need it) is read and dropped, never kept, up to this much;
 * the connection is closed this long after the answer at the latest.
 */
export const linger = { bytes: 1024 * 1024, ms: 5_000 } as const;

/**
 * When the answer starts while the request body is still arriving (a refusal before or during
 * the read), the answer says `Connection: close`, so the client does not send its next request
 * behind a body nobody reads. Node would then destroy the socket as soon as the answer is out,
 * resetting a client still sending before it reads the answer; `lingerAfterAnswer` closes it
 * instead, once the client had its chance. (`_last` is Node's own flag for "close after this
 * answer"; it is cleared only for these answers.)
 */
function closeAfterUnreadBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<http.ServerResponse['writeHead']>) {
    const unread = !req.complete;
    if (unread) this.setHeader('Connection', 'close');
    const result = writeHead.apply(this, args);
    if (unread) (this as http.ServerResponse & { _last: boolean })._last = false;
    return result;
  } as http.ServerResponse['writeHead'];
}

/**
 * Settles an unfinished request body once its answer is out. Node alone would read every byte to
 * keep the connection alive (all 300 MB of a refused 300 MB upload); closing the connection with
 * the answer instead makes a client that is still sending see a reset rather than the answer. So,
 * as web servers do ("lingering close"): the rest is read and dropped up to `linger.bytes`, then
 * no more is read, and the connection is closed `linger.ms` after the answer at the latest.
 */
export function lingerAfterAnswer(req: http.IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  const close = setTimeout(() => req.socket?.destroy(), linger.ms).unref();
  let size = 0;
  // The app's reader of the body (Astro's) is done with it: drop the data as it comes.
  req.removeAllListeners('readable');
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > linger.bytes) req.pause();
  });
  req.once('end', () => clearTimeout(close));
  req.once('close', () => clearTimeout(close));
  req.resume();
}

/**
 * Requests Node cannot even parse (an unknown method such as `FOO`, a malformed request line,
 * headers too large, headers too slow) get the API's JSON error shape too, instead of Node's bare
 * `400 Bad Request`, then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) return void socket.destroy();
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'The request headers did not arrive in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'The request headers are too large.']
        : [400, 'malformed-request', 'The request is not valid HTTP/1.1 (an unknown method, or a malformed request line or header).'];
  const body = JSON.stringify({ error: { code, message } });
  const headers = { ...defaultSecurityHeaders, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', Connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head}\r\n\r\n${body}`);
}
