/**
 * `npm run bench:duplicates`: copies of published photos found through the shared index (issue 9).
 * Generates its own photos (seeded blob pictures, and the demo's synthetic scalps as a harder
 * look-alike set), alters each the ways a copier would (re-encode, resize, crops of up to 10 % per
 * side, brightness/contrast ±10 %, mirror, all at once), puts the originals into an index holding a
 * million random fingerprints, and prints recall, the false-flag rate (unrelated photos found as
 * copies) and query time. Targets: recall ≥ 95 %, false flags ≤ 1 %, query p95 ≤ 50 ms at 1M.
 * It reports; it never fails. Flags: `--originals=100`, `--distinct=200`, `--random=1000000`.
 */
import { createRandom, type Random } from '../src/lib/demo/random.ts';
import { CopyIndex, type Probes } from '../src/lib/duplicates/index.ts';
import { alterPhoto, blobPhotoPixels, encodeCameraJpeg, type Alteration } from '../src/lib/images/bench-support.ts';
import { photoHashes } from '../src/lib/images/phash.ts';
import { renderSyntheticScalp } from '../src/lib/images/synthetic.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const originals = arg('originals', 100);
const distinct = arg('distinct', 200);
const randomCount = arg('random', 1_000_000);
const targets = { recall: 0.95, falseFlags: 0.01, p95Ms: 50 };

/** The alterations every original goes through; crops are drawn per original (up to 10 % a side). */
function alterations(r: Random): [string, Alteration][] {
  const side = () => Math.round(r.next() * 100) / 1000;
  const crop = () => ({ left: side(), right: side(), top: side(), bottom: side() });
  return [
    ['re-encoded (q60)', { quality: 60 }],
    ['resized to 90 %', { scale: 0.9 }],
    ['cropped 5 % each side', { crop: { left: 0.05, right: 0.05, top: 0.05, bottom: 0.05 } }],
    ['cropped 10 % each side', { crop: { left: 0.1, right: 0.1, top: 0.1, bottom: 0.1 } }],
    ['cropped 10 % one side', { crop: { left: 0.1, right: 0, top: 0, bottom: 0 } }],
    ['cropped at random ≤ 10 %', { crop: crop() }],
    ['8 % brighter', { brightness: 1.08 }],
    ['10 % darker', { brightness: 0.9 }],
    ['contrast +10 %', { contrast: 1.1 }],
    ['contrast −10 %', { contrast: 0.9 }],
    ['mirrored', { mirror: true }],
    ['all at once', { crop: crop(), mirror: r.chance(0.5), brightness: 0.9 + r.next() * 0.2, contrast: 0.9 + r.next() * 0.2, scale: 0.6 + r.next() * 0.3, quality: 70 }],
  ];
}

type Maker = (seed: number) => Promise<Buffer>;
const blobPhoto: Maker = async (seed) => encodeCameraJpeg(await blobPhotoPixels(seed, 1600, 1200), 1600, 1200, '2025:01:01 12:00:00', 85);
const stages = ['before', 'fresh', 'settling', 'healed', 'long-term'] as const;
const views = ['hairline', 'top', 'crown', 'scar', 'left', 'donor'];
const scalpPhoto: Maker = (seed) => renderSyntheticScalp({ seed, stage: stages[seed % 5]!, view: views[seed % 6]!, fitzpatrick: ['I', 'III', 'IV', 'VI'][seed % 4]!, width: 1600, height: 1200, quality: 70 });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** Fills the index with `count` random fingerprints (uniform 64-bit hashes), as a big library would. */
function fillRandom(index: CopyIndex, count: number): void {
  const r = createRandom('bench-duplicates-random');
  const word = () => Math.floor(r.next() * 4294967296) >>> 0;
  for (let i = 0; i < count; i++) index.put(`random:${i}`, { outer: { hi: word(), lo: word() }, inner: { hi: word(), lo: word() } });
}

async function run(name: string, make: Maker, seedBase: number, index: CopyIndex) {
  console.log(`\n${name}: ${originals} originals × 12 alterations, ${distinct} unrelated photos`);
  const r = createRandom(`bench-duplicates-${name}`);
  const hashMs: number[] = [];
  const timeHash = async (bytes: Uint8Array) => {
    const started = performance.now();
    const hashes = await photoHashes(bytes);
    hashMs.push(performance.now() - started);
    return hashes;
  };
  const queries: { kind: string; ref?: string; probes: Probes }[] = [];
  for (let i = 0; i < originals; i++) {
    const bytes = await make(seedBase + i);
    const ref = `${name}:${i}`;
    index.put(ref, (await timeHash(bytes)).fingerprint);
    for (const [kind, alteration] of alterations(r)) queries.push({ kind, ref, probes: (await timeHash(await alterPhoto(bytes, alteration))).probes });
  }
  for (let i = 0; i < distinct; i++) queries.push({ kind: 'unrelated', probes: (await timeHash(await make(seedBase + 100_000 + i))).probes });

  const found = new Map<string, { hit: number; total: number }>();
  const queryMs: number[] = [];
  let falseFlags = 0;
  for (const query of queries) {
    const started = performance.now();
    const matches = index.findCopies(query.probes);
    queryMs.push(performance.now() - started);
    if (query.ref) {
      const tally = found.get(query.kind) ?? { hit: 0, total: 0 };
      tally.total++;
      if (matches.some((m) => m.ref === query.ref)) tally.hit++;
      found.set(query.kind, tally);
      // A copy that also matched an unrelated photo is a false flag too.
      if (matches.some((m) => m.ref !== query.ref)) falseFlags++;
    } else if (matches.length > 0) {
      falseFlags++;
    }
  }
  const hits = [...found.values()].reduce((n, t) => n + t.hit, 0);
  const total = [...found.values()].reduce((n, t) => n + t.total, 0);
  for (const [kind, tally] of found) console.log(`  ${kind.padEnd(26)} ${String(tally.hit).padStart(4)}/${tally.total}`);
  const sortedQuery = queryMs.sort((a, b) => a - b);
  const sortedHash = hashMs.sort((a, b) => a - b);
  const recall = hits / total;
  const falseRate = falseFlags / queries.length;
  const p95 = percentile(sortedQuery, 95);
  console.log(`  recall ${pct(recall)} (target ≥ ${pct(targets.recall)}) · false flags ${pct(falseRate)} of ${queries.length} queries (target ≤ ${pct(targets.falseFlags)})`);
  console.log(`  query p50 ${percentile(sortedQuery, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target ≤ ${targets.p95Ms} ms) · hashing a photo p50 ${percentile(sortedHash, 50).toFixed(0)} ms`);
  return { recall, falseRate, p95 };
}

const index = new CopyIndex();
const started = performance.now();
fillRandom(index, randomCount);
const rss = process.memoryUsage().rss;
console.log(`bench:duplicates: index of ${index.size.toLocaleString('en')} random fingerprints built in ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${(rss / 1048576).toFixed(0)} MB`);
const photos = await run('photos', blobPhoto, 1, index);
const scalps = await run('synthetic scalps', scalpPhoto, 5000, index);
const meets = (s: typeof photos) => (s.recall >= targets.recall && s.falseRate <= targets.falseFlags && s.p95 <= targets.p95Ms ? 'meets' : 'MISSES');
console.log(`\nbench:duplicates: photos ${meets(photos)} the targets; synthetic scalps ${meets(scalps)} them (index of ${index.size.toLocaleString('en')})`);
