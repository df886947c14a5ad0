/**
 * Test harness for the built server: start `dist/server/entry.mjs` on a free loopback port with its
 * own temporary DATA_DIR, wait for `/api/health`, and stop it by its process id. Scripts
 * (`page-weight`, `bench:pages`) use it too, so it imports nothing from vitest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: every path below is resolved from it, whatever the caller's cwd. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The server entry `npm run build` writes. */
export const serverEntry = path.join(repoRoot, 'dist/server/entry.mjs');
/** What serves it (Healed's HTTP server around the entry's handler), as `npm start` runs it. */
export const serveScript = path.join(repoRoot, 'scripts/serve.ts');
/** The shipped demo content. */
export const shippedPortfolios = path.join(repoRoot, 'portfolios');

export interface StartServerOptions {
  /** Published content the server reads; default: the shipped `portfolios/` (read-only use!). */
  portfoliosDir?: string;
  /** Database + variants folder; default: a fresh temp folder removed on stop. */
  dataDir?: string;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /**
   * Copy the build's variants (`data/variants`, content-addressed) into the temp DATA_DIR, so the
   * server need not encode every photo again; default true. Ignored when `dataDir` is given.
   */
  seedVariants?: boolean;
  /**
   * How long to wait for readiness: health 200 and variants no longer `running`. Default 240 s:
   * an unseeded DATA_DIR re-encodes every photo (~200 s for the demo's 83 on 2 cores).
   */
  readyTimeoutMs?: number;
  /** Called right after the process is spawned, before readiness (bench:scale times start-up from here). */
  onSpawn?: (spawned: { url: string; pid: number }) => void;
}

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Process id of the server (also its process group id). */
  pid: number;
  /** The DATA_DIR it runs with. */
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Stops the server (SIGTERM to its process group, SIGKILL after 5 s) and removes temp folders. */
  stop(): Promise<void>;
}

/** Live servers and temp folders of this process, cleaned up on exit even if a test forgot. */
const liveServers = new Set<number>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: signal the groups and remove folders, nothing more.
  process.once('exit', () => {
    for (const pid of liveServers) killGroup(pid, 'SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/** Signals the process group `-pid` we created with `detached: true`; never anything else. */
function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/** A temp folder under the OS temp dir, removed when this process exits. */
export function makeTempDir(prefix: string): string {
  installExitHook();
  const dir = mkdtempSync(path.join(os.tmpdir(), `healed-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** A private copy of `portfolios/` for tests that change content; removed when the process exits. */
export async function copyPortfolios(from = shippedPortfolios): Promise<string> {
  const dir = makeTempDir('portfolios');
  await cp(from, dir, { recursive: true });
  return dir;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the tiny race before the server binds is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the built server and resolves once `GET /api/health` answers 200 JSON. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${path.relative(repoRoot, serverEntry)} is missing: run \`npm run build\` first (tests build it in their globalSetup).`);
  }
  installExitHook();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? makeTempDir('data');
  const builtVariants = path.join(repoRoot, 'data/variants');
  if (ownDataDir && options.seedVariants !== false && existsSync(builtVariants)) {
    await cp(builtVariants, path.join(dataDir, 'variants'), { recursive: true });
  }
  const portfoliosDir = options.portfoliosDir ?? shippedPortfolios;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, [serveScript], {
    cwd: repoRoot,
    // Own process group, so stop() can end the server and anything it spawned, and nothing else.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      // The site's public origin is the address the tests use.
      SITE_URL: url,
      DATA_DIR: dataDir,
      PORTFOLIOS_DIR: portfoliosDir,
      ...options.env,
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the server process');
  liveServers.add(pid);
  options.onSpawn?.({ url, pid });

  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-20_000)));
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      liveServers.delete(pid);
      resolve();
    }),
  );

  const stop = async (): Promise<void> => {
    if (exited === undefined && killGroup(pid, 'SIGTERM')) {
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    liveServers.delete(pid);
    if (ownDataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    }
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000);
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      const type = response.headers.get('content-type') ?? '';
      if (response.status === 200 && type.includes('json')) {
        const health = (await response.json()) as { variants?: { state?: string } };
        // Variants are made in the background after start: tests want every /img/ URL to answer.
        if (health.variants?.state !== 'running') return { url, pid, dataDir, stderr: () => stderr, stop };
        lastProblem = 'image variants were still being prepared';
      } else {
        lastProblem = `GET /api/health answered ${response.status} ${type}`;
        await response.body?.cancel();
      }
    } catch (error) {
      lastProblem = `GET /api/health failed: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const why = exited ? `the server ${exited}` : `it was not ready in time (${lastProblem})`;
  await stop();
  throw new Error(
    `Server ${path.relative(repoRoot, serverEntry)} on ${url} did not start: ${why}.\n` +
      `--- stderr (tail) ---\n${stderr.slice(-4_000) || '(empty)'}\n--- stdout (tail) ---\n${stdout.slice(-2_000) || '(empty)'}`,
  );
}

/** Inputs of `npm run build`: when any is newer than the server entry, the build is stale. */
const buildInputs = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts'];

/** Newest modification time under `target` (files and folders, recursively), or 0 if absent. */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Why the build must run again, or `undefined` when `dist/` is up to date. */
export function staleBuildReason(): string | undefined {
  if (!existsSync(serverEntry)) return 'dist/server/entry.mjs is missing';
  const built = statSync(serverEntry).mtimeMs;
  const newer = buildInputs.find((input) => newestMtime(path.join(repoRoot, input)) > built);
  return newer ? `${newer} changed after the last build` : undefined;
}

/**
 * Runs `npm run build` (the project's own build script, on this same Node) when `dist/` is
 * missing or older than its sources. Throws with the build's exit code when it fails.
 */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  const reason = staleBuildReason();
  if (!reason) return;
  log(`build: ${reason}: running npm run build`);
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/run.mjs'), 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (${result.signal ?? `exit code ${result.status}`}): fix the build, then rerun the tests.`);
  }
  if (!existsSync(serverEntry)) throw new Error('npm run build succeeded but dist/server/entry.mjs is missing.');
}

/**
 * Path of a case page to measure or test: the first `/cases/…` entry of `/sitemap.xml`, else the
 * first case link on the home page. Throws when the site shows no case at all.
 */
export async function firstCasePath(baseUrl: string): Promise<string> {
  const isCase = (p: string) => /^\/cases\/[^/]+\/?$/.test(p);
  const sitemap = await fetch(`${baseUrl}/sitemap.xml`);
  if (sitemap.ok) {
    for (const match of (await sitemap.text()).matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
      const pathname = new URL(match[1]!, baseUrl).pathname;
      if (isCase(pathname)) return pathname;
    }
  } else {
    await sitemap.body?.cancel();
  }
  const home = await (await fetch(`${baseUrl}/`)).text();
  const link = [...home.matchAll(/href="(\/cases\/[^"#?]+)"/g)].map((match) => match[1]!).find(isCase);
  if (!link) throw new Error(`no case page found: neither ${baseUrl}/sitemap.xml nor the home page links to /cases/<id>/`);
  return link;
}
