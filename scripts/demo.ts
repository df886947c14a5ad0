// `npm run demo [-- --seed N --out DIR --practitioners N --cases N]`: writes deterministic,
// fictional demo portfolios (synthetic photos) into the portfolios folder or `--out`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromProcess } from '../src/lib/config/from-process.ts';
import { generateDemo, writeDemo } from '../src/lib/demo/index.ts';

const usage = `usage: npm run demo -- [--seed N] [--out DIR] [--practitioners N] [--cases N]
  --seed N            random seed (default 1); same seed and flags → byte-identical files
  --out DIR           folder to write into (default: PORTFOLIOS_DIR, ./portfolios)
  --practitioners N   practitioners (default 8, or cases ÷ 12 when --cases is given)
  --cases N           total cases (default ~3.4 per practitioner); above ~100 cases photos are
                      hard links to a pool of 30 images, e.g. --cases 10000 --out /tmp/p10k`;

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function fail(message: string): never {
  console.error(`demo: ${message}\n${usage}`);
  process.exit(2);
}

let args;
try {
  // `node scripts/run.mjs demo -- --seed 2` passes the `--` through (npm drops it): skip it.
  const argv = process.argv.slice(2);
  args = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      seed: { type: 'string' }, out: { type: 'string' }, practitioners: { type: 'string' },
      cases: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const out = args.out ? path.resolve(args.out) : configFromProcess().portfoliosDir;
const started = performance.now();
const set = generateDemo({
  seed: wholeNumber('seed', args.seed),
  practitioners: wholeNumber('practitioners', args.practitioners),
  cases: wholeNumber('cases', args.cases),
});
const { practitioners, seed } = set.options;
// What was generated: the options' count plus the core-profile cases (src/lib/demo/core-profiles.ts).
const cases = set.practitioners.reduce((n, p) => n + p.cases.length, 0);
console.log(`demo: seed ${seed}, ${practitioners} practitioners, ${cases} cases → ${path.relative(process.cwd(), out) || '.'}`);

// One line, rewritten in place on a terminal; in logs, a line every ~10% instead.
let lastShown = -1;
const summary = await writeDemo(set, {
  out,
  onProgress: (done) => {
    const percent = Math.floor((done.cases / cases) * 100);
    const line = `demo: ${done.cases}/${cases} cases, ${done.photos} photos (${percent}%)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (Math.floor(percent / 10) !== Math.floor(lastShown / 10) || done.cases === cases) console.log(line);
    lastShown = percent;
  },
});
if (process.stdout.isTTY) process.stdout.write('\n');

const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);
// In bulk mode photos are hard links to a few pooled images: say how little disk that really is.
const pooled = summary.images < summary.photos ? ` (hard links to ${summary.images} distinct images of ${mb(summary.imageBytes)} MB)` : '';
console.log(
  `demo: wrote ${summary.practitioners} practitioners, ${summary.cases} cases, ${summary.photos} photos, ` +
    `${mb(summary.bytes)} MB${pooled} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
