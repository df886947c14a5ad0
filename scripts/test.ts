/**
 * `npm test`: make sure a Chromium exists, then run every layer in order and stop at the first
 * failure with its exit code: `npm run check`, then vitest's `unit`, `integration`, `e2e` projects.
 * Nothing is printed after the last vitest run, so the output ends with vitest's summary lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { varnishMissing, varnishPackages } from './lib/varnish.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
/** Debian's Chromium: the browser tests use whenever it exists (ARCHITECTURE.md, machine facts). */
export const systemChromium = '/usr/bin/chromium';

/** What this machine offers, as plain data so the decision below is testable without I/O. */
export interface BrowserFacts {
  /** `CHROMIUM_PATH` from the environment, if set. */
  envPath: string | undefined;
  /** Whether a file exists at a path. */
  exists: (file: string) => boolean;
  /** Running as root (CI runs `.ci/run` as root). */
  isRoot: boolean;
  /** A Debian-like system with apt-get. */
  hasApt: boolean;
}

/** What to do to get a browser; `message` is the one line `npm test` prints about it. */
export type BrowserAction =
  | { kind: 'use'; path: string; message: string }
  | { kind: 'apt'; path: string; message: string }
  | { kind: 'playwright'; message: string }
  | { kind: 'fail'; message: string };

/**
 * Picks the browser: `CHROMIUM_PATH` if it points at a file, else Debian's Chromium, else install
 * one: with apt as root on Debian (the same package developers use), else Playwright's own build.
 */
export function decideBrowser(facts: BrowserFacts): BrowserAction {
  if (facts.envPath) {
    if (facts.exists(facts.envPath)) return { kind: 'use', path: facts.envPath, message: `browser: using CHROMIUM_PATH=${facts.envPath}` };
    return {
      kind: 'fail',
      message: `browser: CHROMIUM_PATH=${facts.envPath} does not exist: point it at a Chromium executable or unset it to use ${systemChromium}`,
    };
  }
  if (facts.exists(systemChromium)) return { kind: 'use', path: systemChromium, message: `browser: using system Chromium at ${systemChromium}` };
  if (facts.isRoot && facts.hasApt) {
    return { kind: 'apt', path: systemChromium, message: `browser: ${systemChromium} missing: installing Debian's chromium with apt-get` };
  }
  return { kind: 'playwright', message: `browser: ${systemChromium} missing and apt unavailable: installing Playwright's Chromium (npx playwright-core install chromium)` };
}

/** Runs a command with inherited stdio; returns its exit code (1 when killed by a signal). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (result.error) console.error(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/** Gets a browser or exits; returns the executable path to hand to the tests. */
async function provideBrowser(): Promise<string> {
  const action = decideBrowser({
    envPath: process.env.CHROMIUM_PATH || undefined,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasApt: existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version'),
  });
  console.log(action.message);
  switch (action.kind) {
    case 'use':
      return action.path;
    case 'fail':
      return process.exit(1);
    case 'apt': {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const code = run('apt-get', ['update', '-q'], env) || run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], env);
      if (code !== 0 || !existsSync(action.path)) {
        console.error(`browser: apt-get install chromium failed (exit ${code}): install it by hand or set CHROMIUM_PATH`);
        process.exit(code || 1);
      }
      return action.path;
    }
    case 'playwright': {
      const code = run('npx', ['--no-install', 'playwright-core', 'install', 'chromium']);
      if (code !== 0) process.exit(code);
      const { chromium } = await import('playwright-core');
      return chromium.executablePath();
    }
  }
}

/**
 * Installs Varnish and vmod xkey with apt when missing and possible (root on Debian), for the
 * Varnish integration test; elsewhere that test is skipped and says why.
 */
function provideVarnish(): void {
  const missing = varnishMissing();
  if (!missing) return console.log('varnish: using /usr/sbin/varnishd with vmod xkey');
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return console.log(`varnish: ${missing}; the Varnish integration test will be skipped`);
  console.log(`varnish: ${missing}: installing Debian's ${varnishPackages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...varnishPackages], env);
  // Without a package list (a fresh machine) the install fails: update once, then try again.
  const code = install() && (run('apt-get', ['update', '-q'], env) || install());
  if (code !== 0 || varnishMissing()) {
    console.error(`varnish: apt-get install ${varnishPackages.join(' ')} failed (exit ${code}): install them by hand`);
    process.exit(code || 1);
  }
}

async function main(): Promise<void> {
  const browserPath = await provideBrowser();
  provideVarnish();
  const env = { ...process.env, CHROMIUM_PATH: browserPath };
  const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs');
  const resultsDir = path.join(repoRoot, 'test-results');
  const totalsReporter = path.join(repoRoot, 'tests/helpers/totals-reporter.ts');
  rmSync(resultsDir, { recursive: true, force: true });
  const steps: Array<{ name: string; args: string[]; env?: Record<string, string> }> = [
    { name: 'npm run check', args: [path.join(repoRoot, 'scripts/run.mjs'), 'check'] },
    ...['unit', 'integration', 'e2e'].map((project) => ({
      name: `vitest ${project}`,
      args: [vitest, 'run', '--project', project, '--reporter=default', `--reporter=${totalsReporter}`],
      // Silent totals in the gitignored test-results/, so .ci/run can print one closing line.
      env: { HEALED_TEST_TOTALS: path.join(resultsDir, `${project}.json`) },
    })),
  ];
  for (const step of steps) {
    console.log(`\n▶ ${step.name}`);
    // process.execPath is the Node 24 that run.mjs was started with: the same Node for every step.
    const code = run(process.execPath, step.args, { ...env, ...step.env });
    if (code !== 0) process.exit(code);
  }
}

// run.mjs sets argv[1] to this file; when a test imports the module, only the exports are used.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
