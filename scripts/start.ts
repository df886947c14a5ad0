/**
 * `npm start`: builds if dist/ is missing or older than the sources, then serves the site on
 * http://localhost:4321 (PORT, HOST, DATA_DIR and PORTFOLIOS_DIR are honoured). The server
 * itself makes any missing image variants at start.
 */
import { spawn } from 'node:child_process';
import { buildIsStale, serveScript } from './lib/build-state.ts';
import { allocatorEnv } from './lib/allocator.ts';
import { runCommand } from './lib/run-command.ts';

if (buildIsStale()) {
  console.log('start: building first (dist/ is missing or older than the sources)…');
  await runCommand(process.execPath, ['scripts/run.mjs', 'build', '--no-check']);
}
const env = {
  ...allocatorEnv,
  ...process.env,
  HOST: process.env.HOST ?? 'localhost',
  PORT: process.env.PORT ?? '4321',
};
const server = spawn(process.execPath, [serveScript], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Touch the health endpoint once the server listens, so content is loaded (and invalid files
// logged) and missing variants start at once, not on the first visitor's request.
const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}/api/health`;
for (let attempt = 0; attempt < 100; attempt++) {
  await new Promise((r) => setTimeout(r, 200));
  const ok = await fetch(url).then((r) => r.ok, () => false);
  if (ok) {
    console.log(`Healed is serving at http://localhost:${env.PORT}`);
    break;
  }
}
