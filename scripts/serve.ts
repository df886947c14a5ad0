/**
 * Serves the built site: Astro's request handler from `dist/server/entry.mjs` (its own server
 * switched off) inside Healed's HTTP server (src/lib/http/node-server.ts), which presets the
 * security headers, refuses foreign hosts and unknown methods, and holds the connection limits.
 * `npm start` runs it after building; tests and benches start it the same way.
 * Stops cleanly on SIGTERM/SIGINT: no new connections, in-flight requests get a few seconds.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { createHealedServer, type NodeHandler } from '../src/lib/http/node-server.ts';

let config;
try {
  config = configFromProcess();
} catch (error) {
  console.error(`Healed cannot start: ${(error as Error).message}`);
  process.exit(1);
}
// Read once at import by the adapter's entry: it must not start a server of its own.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = pathToFileURL(path.resolve(import.meta.dirname, '../dist/server/entry.mjs')).href;
const { handler } = (await import(entry)) as { handler: NodeHandler };

const { host, port, headersTimeoutMs, idleTimeoutMs } = config.http;
const server = createHealedServer(handler, { allowedOrigins: config.site.allowedOrigins, headersTimeoutMs, idleTimeoutMs });
server.listen(port, host, () => console.info(`[http] listening on ${host}:${port}, serving ${config.site.origin}`));
server.on('error', (error) => {
  console.error(`Healed cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

/** In-flight requests get this long after a stop signal; then the process ends anyway. */
const drainMs = 3_000;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), drainMs).unref();
  });
}
