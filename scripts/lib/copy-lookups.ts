/**
 * Copy lookups at a portfolio's scale, as the server makes them on every upload: the server's
 * `CopyLibrary` filled with every published photo of `portfoliosDir`, queried in-process with real
 * probes. With `--shared-photos`, bench:scale's photos are hard links to ~30 image files and
 * case.yaml holds ~30 fingerprints, each shared by ~12k photos: every lookup near one returned 12k
 * exact copies (p95 ~270 ms), which measures the pool, not the library. So each photo gets a
 * fingerprint of its own here either way (seeded; uniform, as bench:duplicates' million are). Half the queries are near copies of a
 * published photo (its fingerprint with a few bits flipped, at a random crop hypothesis) and must
 * find it; half are the probes of real image files, an upload that copies nothing listed.
 */
import os from 'node:os';
import { createContentRepository } from '../../src/lib/content/index.ts';
import { createRandom } from '../../src/lib/demo/random.ts';
import { CopyLibrary, fingerprintToText, probeCount, textToFingerprint, type Probes } from '../../src/lib/duplicates/index.ts';
import { photoHashes } from '../../src/lib/images/phash.ts';

export interface CopyLookups { photos: number; queries: number; p50Ms: number; p95Ms: number; nearCopiesFound: number; nearCopies: number }

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * p) - 1)]!;

/** A few bits of a 32-bit word flipped (a near copy's hash differs by a few bits). */
const flip = (word: number, bits: number[]) => bits.reduce((w, bit) => (w ^ (1 << bit)) >>> 0, word);

export async function measureCopyLookups(portfoliosDir: string, dataDir: string, queries: number): Promise<CopyLookups> {
  const content = createContentRepository({ portfoliosDir, readers: os.availableParallelism(), cacheDir: dataDir });
  const snapshot = await content.snapshot();
  const random = createRandom('bench-scale-copies');
  const word = () => Math.floor(random.next() * 4294967296) >>> 0;
  const distinct = [...snapshot.cases.values()].map((kase) => ({
    ...kase,
    photos: kase.photos.map((photo) => ({ ...photo, fingerprint: fingerprintToText({ outer: { hi: word(), lo: word() }, inner: { hi: word(), lo: word() } }) })),
  }));
  const library = new CopyLibrary();
  const { added } = await library.syncPublished(distinct, (file) => photoHashes(file).then((h) => h.fingerprint));

  const photos = distinct.flatMap((kase) => kase.photos.map((photo) => ({ kase, photo })));
  const files = [...new Set(photos.slice(0, 5_000).map(({ photo }) => photo.path))].slice(0, 30);
  const unrelated = await Promise.all(files.map(async (file) => (await photoHashes(file)).probes));

  const times: number[] = [];
  let nearCopies = 0;
  let nearCopiesFound = 0;
  for (let i = 0; i < queries; i++) {
    const base = unrelated[i % unrelated.length]!;
    let probes: Probes = base;
    let wanted: { caseId: string; file: string } | undefined;
    if (i % 2 === 0) {
      const { kase, photo } = photos[Math.floor(random.next() * photos.length)]!;
      const { outer, inner } = textToFingerprint(photo.fingerprint);
      const bit = () => Math.floor(random.next() * 32);
      probes = Uint32Array.from(base);
      const at = Math.floor(random.next() * probeCount) * 4;
      probes.set([flip(outer.hi, [bit(), bit()]), flip(outer.lo, [bit()]), flip(inner.hi, [bit()]), inner.lo], at);
      wanted = { caseId: kase.id, file: photo.file };
      nearCopies++;
    }
    const started = performance.now();
    const found = library.findCopies(probes);
    times.push(performance.now() - started);
    if (wanted && found.some(({ ref }) => ref.kind === 'published' && ref.caseId === wanted.caseId && ref.file === wanted.file)) nearCopiesFound++;
  }
  return { photos: added, queries: times.length, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), nearCopiesFound, nearCopies };
}
