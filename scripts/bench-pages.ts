/**
 * `npm run bench:pages`: is a cached case page nearly as cheap as a static file? Serves the shipped
 * portfolios, warms one case page until it answers `x-astro-cache: HIT`, then loads it and a file
 * from `public/` with autocannon (loopback only, 10 connections, 10 s each) and prints req/s,
 * p99 latency and the ratio against the target (cached page ≥ 50 % of the static file's rate).
 * The cached page is loaded uncompressed, as Brotli and as gzip: a compressed HIT replays bytes the
 * route cache keeps, so it must stay ≥ 80 % of the uncompressed HIT rate measured before
 * compression existed (`uncompressedHitBefore`) and of this run's own uncompressed HIT rate.
 * Flags: `--duration=S`, `--connections=N`, `--strict` (exit 1 when the target is missed).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, firstCasePath, repoRoot, shippedPortfolios, startServer } from '../tests/helpers/server.ts';

/** The few autocannon result fields we read (autocannon ships no types; see @types/autocannon). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; timeout: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Cached pages should cost at most twice a static file: the cache, not rendering, answers. */
export const targetRatio = 0.5;
/** A compressed HIT must keep at least this share of the uncompressed HIT rate. */
export const compressedTargetRatio = 0.8;
/** Uncompressed cached case page, req/s, on the 2-core machine just before compression landed (d74b96f). */
export const uncompressedHitBefore = 3946;
/** Static files `public/` is expected to hold, in order of preference. */
const staticCandidates = ['/robots.txt', '/favicon.svg'];

interface Figures {
  label: string;
  path: string;
  reqPerSec: number;
  p99: number;
  failures: number;
}

async function load(baseUrl: string, label: string, urlPath: string, duration: number, connections: number, acceptEncoding?: string): Promise<Figures> {
  // Loopback only (127.0.0.1), bounded in time: autocannon stops by itself after `duration`.
  const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : undefined;
  const result = await autocannon({ url: baseUrl + urlPath, connections, duration, timeout: 10, headers });
  return {
    label,
    path: urlPath,
    reqPerSec: result.requests.average,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const duration = Math.min(60, flag('duration', 10));
  const connections = Math.min(100, flag('connections', 10));

  ensureBuilt();
  const server = await startServer({ portfoliosDir: shippedPortfolios });
  try {
    const casePath = await firstCasePath(server.url);
    // Each coding is its own route-cache entry: warm all three.
    for (const acceptEncoding of ['identity', 'br', 'gzip']) {
      let cache = '';
      let encoding = '';
      for (let attempt = 0; attempt < 5 && cache.toUpperCase() !== 'HIT'; attempt++) {
        const response = await fetch(server.url + casePath, { headers: { 'accept-encoding': acceptEncoding } });
        if (response.status !== 200) throw new Error(`${casePath} answered ${response.status}: the page must work before it is benchmarked`);
        await response.arrayBuffer();
        encoding = response.headers.get('content-encoding') ?? 'none';
        cache = response.headers.get('x-astro-cache') ?? '(no header)';
      }
      console.log(`bench:pages: warmed ${casePath} (asked ${acceptEncoding}, got ${encoding}): x-astro-cache ${cache}${cache.toUpperCase() === 'HIT' ? '' : ' (NOT cached: figures measure rendering)'}`);
    }

    let staticPath: string | undefined;
    for (const candidate of staticCandidates) {
      if (!existsSync(path.join(repoRoot, 'public', candidate))) continue;
      const response = await fetch(server.url + candidate);
      await response.arrayBuffer();
      if (response.status === 200) {
        staticPath = candidate;
        break;
      }
    }
    if (!staticPath) console.log(`bench:pages: note: none of ${staticCandidates.map((c) => 'public' + c).join(', ')} is served yet: no static baseline`);

    // The same bytes as the cached page, as a static file: what a prerendered page would cost.
    // The node adapter serves dist/client/ from disk at request time, so a file written now is
    // served; it is removed again below.
    const copyName = `/bench-copy-${process.pid}.html`;
    const copyFile = path.join(repoRoot, 'dist/client', copyName);
    writeFileSync(copyFile, Buffer.from(await (await fetch(server.url + casePath)).arrayBuffer()));

    let page: Figures, brotli: Figures, gzip: Figures, copy: Figures, file: Figures | undefined;
    try {
      page = await load(server.url, 'cached case page', casePath, duration, connections);
      brotli = await load(server.url, 'same, Brotli', casePath, duration, connections, 'br, gzip');
      gzip = await load(server.url, 'same, gzip', casePath, duration, connections, 'gzip');
      copy = await load(server.url, 'same page, static', copyName, duration, connections);
      file = staticPath ? await load(server.url, 'tiny static file', staticPath, duration, connections) : undefined;
    } finally {
      rmSync(copyFile, { force: true });
    }

    console.log(`bench:pages: ${connections} connections, ${duration} s each, 127.0.0.1`);
    for (const figures of [page, brotli, gzip, copy, file]) {
      if (!figures) continue;
      console.log(
        `  ${figures.label.padEnd(17)} ${figures.path.padEnd(34)} ${figures.reqPerSec.toFixed(0).padStart(7)} req/s   p99 ${String(figures.p99).padStart(4)} ms` +
          (figures.failures ? `   ${figures.failures} errors/non-2xx` : ''),
      );
    }
    // Both ratios are printed: against the same bytes served statically (like for like), and
    // against a tiny file (the floor of any request: pure server overhead).
    for (const base of [copy, file]) {
      if (!base) continue;
      const ratio = page.reqPerSec / base.reqPerSec;
      const ok = ratio >= targetRatio;
      console.log(`  ratio vs ${base.label.padEnd(18)} ${(ratio * 100).toFixed(0).padStart(3)} %   target ≥ ${targetRatio * 100} %   ${ok ? 'ok' : 'MISSED'}`);
      if (!ok && args.includes('--strict')) process.exitCode = 1;
    }
    for (const compressed of [brotli, gzip]) {
      for (const [base, rate] of [['this run, uncompressed', page.reqPerSec], ['before compression', uncompressedHitBefore]] as const) {
        const ratio = compressed.reqPerSec / rate;
        const ok = ratio >= compressedTargetRatio;
        console.log(`  ${compressed.label.padEnd(13)} vs ${base.padEnd(22)} ${(ratio * 100).toFixed(0).padStart(3)} %   target ≥ ${compressedTargetRatio * 100} %   ${ok ? 'ok' : 'MISSED'}`);
        if (!ok && args.includes('--strict')) process.exitCode = 1;
      }
    }
    if ([page, brotli, gzip, copy].some((f) => f.failures) || (file?.failures ?? 0)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

// run.mjs points argv[1] at this file; importing it runs nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
