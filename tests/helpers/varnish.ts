/**
 * Varnish for integration tests: Debian's varnishd (apt-get install varnish varnish-modules;
 * `npm test` and .ci/run install it when missing) on a loopback port, in front of a running app
 * server, with deploy/varnish/default.vcl pointed at that server. Stopped by its process id.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { varnishd } from '../../scripts/lib/varnish.ts';
import { makeTempDir, repoRoot } from './server.ts';

export { varnishMissing } from '../../scripts/lib/varnish.ts';

/** The VCL we ship. */
export const shippedVcl = path.join(repoRoot, 'deploy/varnish/default.vcl');

export interface RunningVarnish {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts varnishd on `port` in front of the app at `backendPort`; resolves once it answers. */
export async function startVarnish(port: number, backendPort: number): Promise<RunningVarnish> {
  const dir = makeTempDir('varnish');
  const vcl = path.join(dir, 'default.vcl');
  // The shipped VCL, with its one backend pointed at the test's app server.
  const text = readFileSync(shippedVcl, 'utf8');
  if (!text.includes('.port = "4321"')) throw new Error(`${shippedVcl} no longer has the backend .port = "4321" this helper replaces`);
  writeFileSync(vcl, text.replace('.port = "4321"', `.port = "${backendPort}"`));
  const child = spawn(varnishd, [
    '-F', '-a', `127.0.0.1:${port}`, '-f', vcl, '-n', path.join(dir, 'work'), '-s', 'malloc,64m',
    // No jail: the test runs as whoever runs it, and the work folder is theirs.
    '-j', 'none', '-T', 'none',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const pid = child.pid!;
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exit;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    // Varnish's own answer says X-Cache (default.vcl); an answer without it is from another server
    // that took the port between freePort() and varnishd's bind (test files run in parallel).
    const answer = await fetch(`${url}/robots.txt`).then(async (r) => (await r.arrayBuffer(), r.headers.has('x-cache') ? 'varnish' : 'other'), () => undefined);
    if (answer === 'varnish') return { url, pid, stop };
    if (answer === 'other') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`varnishd did not start on ${url}${exited ? ' (it exited: is the port taken?)' : ' (another server answers there)'}:\n${stderr}`);
}
