/**
 * `npm run bench:search-http`: `/api/search` over HTTP at 10k cases. Generates a synthetic
 * PORTFOLIOS_DIR with the demo generator (bulk mode: photos are hard links to ~30 images; kept under
 * `.bench/` by seed and size, so reruns start at once), serves it, waits until the index holds every
 * case, then loads a fixed rotating mix of search URLs with autocannon (loopback only, 10
 * connections, 10 s) and prints req/s and latency against the targets (≥ 800 req/s, p99 ≤ 50 ms).
 * Prints figures; never fails a test run. Flags: `--cases=N`, `--seed=N`, `--duration=S`,
 * `--connections=N`, `--no-build` (use dist/ as it is), `--strict` (exit 1 when a target is missed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureBuilt, repoRoot, startServer, type RunningServer } from '../tests/helpers/server.ts';

/** The few autocannon result fields we read (autocannon ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: Array<{ method: 'GET'; path: string }>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The issue's targets on this 2-core machine. */
const targets = { reqPerSec: 800, p99Ms: 50 };

/**
 * The mix: text + filters + facets + sort, geo radius + distance sort, filters only, browsing and
 * deep pages. Every connection walks it in order, round and round. Places are demo cities.
 */
const mix = [
  '/api/search',
  '/api/search?q=alopecia',
  '/api/search?q=alopcia%20pune',
  '/api/search?q=hairline&treatment=male-pattern-baldness&country=IN&sort=newest',
  '/api/search?q=scar&fitzpatrick=IV&fitzpatrick=V&healed=true',
  '/api/search?q=london&treatment=post-transplant-density&sort=healed-longest',
  '/api/search?q=densty&country=GB&country=US&perPage=10',
  '/api/search?near=18.52,73.86&radiusKm=100&sort=distance',
  '/api/search?near=51.51,-0.13&radiusKm=500&treatment=scar-correction&sort=distance',
  '/api/search?near=40.71,-74.01&sort=distance&healed=true',
  '/api/search?treatment=female-hair-loss&healed=true&sort=healed-longest',
  '/api/search?country=IN&city=Mumbai&fitzpatrick=III&page=3',
  '/api/search?city=Madrid&city=Lisbon&sort=newest&page=2',
  '/api/search?healed=true&page=40',
];

function flag(name: string, fallback: number): number {
  const value = process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const number = Number(value ?? fallback);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return number;
}

/** The synthetic portfolios, generated once per (cases, seed) and reused. */
function portfolios(cases: number, seed: number): string {
  const dir = path.join(repoRoot, '.bench', 'search-http', `cases-${cases}-seed-${seed}`);
  const done = path.join(dir, '.complete');
  if (existsSync(done)) {
    console.log(`bench:search-http: reusing ${path.relative(repoRoot, dir)}`);
    return dir;
  }
  rmSync(dir, { recursive: true, force: true }); // a half-written folder from an interrupted run
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/run.mjs'), 'demo', '--cases', String(cases), '--seed', String(seed), '--out', dir], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`npm run demo failed (${result.signal ?? `exit ${result.status}`}): see its output above.`);
  writeFileSync(done, new Date().toISOString());
  return dir;
}

/** Waits until `/api/health` says the index holds every case; returns that count and the time taken. */
async function waitForIndex(server: RunningServer, timeoutMs = 600_000): Promise<{ cases: number; waitedMs: number }> {
  const started = performance.now();
  let last = '';
  while (performance.now() - started < timeoutMs) {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { content: { cases: number }; search?: { ok: boolean; documents: number } };
    if (health.search?.ok && health.search.documents === health.content.cases) return { cases: health.content.cases, waitedMs: performance.now() - started };
    last = JSON.stringify(health.search);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the index was not complete after ${timeoutMs / 1000} s (last: ${last})`);
}

async function main(): Promise<void> {
  const cases = Math.round(flag('cases', 10_000));
  const seed = Math.round(flag('seed', 1));
  const duration = Math.min(60, flag('duration', 10));
  const connections = Math.min(100, Math.round(flag('connections', 10)));

  if (!process.argv.includes('--no-build')) ensureBuilt();
  const portfoliosDir = portfolios(cases, seed);
  const startedAt = performance.now();
  // Start-up makes variants for the ~30 distinct images and builds the index before answering searches.
  const server = await startServer({ portfoliosDir, readyTimeoutMs: 600_000 });
  try {
    const ready = await waitForIndex(server);
    console.log(`bench:search-http: ${ready.cases} cases served and indexed ${((performance.now() - startedAt) / 1000).toFixed(1)} s after start`);

    // Every URL must answer 200 before it is measured; then each one alone, sequentially, so a
    // slow query stands out (median of 15, after 5 warm-up requests).
    console.log('bench:search-http: each URL alone (median of 15 sequential requests)');
    for (const urlPath of mix) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const response = await fetch(server.url + urlPath);
        const body = (await response.json()) as { total?: number; error?: { message: string } };
        if (response.status !== 200) throw new Error(`${urlPath} answered ${response.status}: ${body.error?.message}`);
        if (i >= 5) times.push(performance.now() - started);
        total = body.total ?? 0;
      }
      times.sort((a, b) => a - b);
      console.log(`  ${times[7]!.toFixed(1).padStart(6)} ms  ${String(total).padStart(5)} hits  ${urlPath}`);
    }

    // Loopback only (127.0.0.1) and bounded in time: autocannon stops by itself after `duration`.
    const result = await autocannon({
      url: server.url,
      connections,
      duration,
      timeout: 10,
      requests: mix.map((urlPath) => ({ method: 'GET' as const, path: urlPath })),
    });
    const failures = result.errors + result.timeouts + result.non2xx;
    const rateOk = result.requests.average >= targets.reqPerSec;
    const p99Ok = result.latency.p99 <= targets.p99Ms;
    console.log(`bench:search-http: ${cases} cases, ${mix.length} rotating URLs, ${connections} connections, ${duration} s, 127.0.0.1`);
    console.log(`  throughput ${result.requests.average.toFixed(0).padStart(6)} req/s   target ≥ ${targets.reqPerSec}   ${rateOk ? 'ok' : 'MISSED'}`);
    console.log(`  latency    p50 ${result.latency.p50} ms   p90 ${result.latency.p90} ms   p99 ${result.latency.p99} ms   max ${result.latency.max} ms   target p99 ≤ ${targets.p99Ms} ms   ${p99Ok ? 'ok' : 'MISSED'}`);
    console.log(`  requests   ${result.requests.total} total${failures ? `, ${failures} errors/timeouts/non-2xx` : ', no errors'}`);
    if (failures) process.exitCode = 1;
    if ((!rateOk || !p99Ok) && process.argv.includes('--strict')) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

// run.mjs points argv[1] at this file; importing it runs nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
