import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/lib/demo/random.ts';
import { CopyIndex, HashIndex, bytesToProbes, fingerprintToText, hexDistance, probesToBytes, textToFingerprint, type Fingerprint } from '../../src/lib/duplicates/index.ts';
import { alterPhoto } from '../../src/lib/images/bench-support.ts';
import { photoHashes } from '../../src/lib/images/phash.ts';
import { jpeg } from '../factories/photos.ts';

const r = createRandom('duplicates-test');
const word = () => Math.floor(r.next() * 4294967296) >>> 0;
const randomFingerprint = (): Fingerprint => ({ outer: { hi: word(), lo: word() }, inner: { hi: word(), lo: word() } });
/** Flips `bits` distinct bits of a hash (spread over both halves). */
function flip(hash: { hi: number; lo: number }, bits: number) {
  let { hi, lo } = hash;
  for (let i = 0; i < bits; i++) {
    const bit = (i * 23) % 64;
    if (bit < 32) hi = (hi ^ (1 << bit)) >>> 0;
    else lo = (lo ^ (1 << (bit - 32))) >>> 0;
  }
  return { hi, lo };
}
const probe = (f: Fingerprint) => Uint32Array.from([f.outer.hi, f.outer.lo, f.inner.hi, f.inner.lo]);
const bitsBetween = (a: Fingerprint['outer'], b: Fingerprint['outer']) => hexDistance(a.hi.toString(16).padStart(8, '0') + a.lo.toString(16).padStart(8, '0'), b.hi.toString(16).padStart(8, '0') + b.lo.toString(16).padStart(8, '0'));

describe('HashIndex (multi-index hashing)', () => {
  it('finds exactly what a linear scan finds, at every distance up to 8 bits', () => {
    const index = new HashIndex();
    const stored = Array.from({ length: 5000 }, randomFingerprint);
    stored.forEach((f) => index.add(f));
    for (let d = 0; d <= 10; d++) {
      const target = stored[d * 37]!;
      const query = { outer: flip(target.outer, d), inner: target.inner };
      const found = index.query(probe(query), { outer: 8, inner: 64 });
      const expected = stored.flatMap((f, i) => (bitsBetween(f.outer, query.outer) <= 8 ? [i] : []));
      expect([...found.keys()].sort((a, b) => a - b), `distance ${d}`).toEqual(expected);
    }
  });

  it('needs the inner hash to agree too, and skips removed entries', () => {
    const index = new HashIndex();
    const f = randomFingerprint();
    const entry = index.add(f);
    expect(index.query(probe({ outer: f.outer, inner: flip(f.inner, 13) }), { outer: 8, inner: 12 }).size).toBe(0);
    expect(index.query(probe({ outer: flip(f.outer, 3), inner: flip(f.inner, 12) }), { outer: 8, inner: 12 }).get(entry)).toBe(3);
    index.remove(entry);
    expect(index.query(probe(f), { outer: 8, inner: 12 }).size).toBe(0);
  });

  it('refuses a radius it cannot search', () => {
    expect(() => new HashIndex().query(new Uint32Array(4), { outer: 9, inner: 12 })).toThrow(/above the 8 bits/);
  });
});

describe('CopyIndex', () => {
  it('replaces a ref\'s fingerprint and forgets removed refs', () => {
    const index = new CopyIndex();
    const a = randomFingerprint(), b = randomFingerprint();
    index.put('photo:1', a);
    index.put('photo:1', b);
    expect(index.size).toBe(1);
    expect(index.findCopies(probe(a))).toEqual([]);
    expect(index.findCopies(probe(b))).toEqual([{ ref: 'photo:1', distance: 0 }]);
    index.remove('photo:1');
    expect(index.findCopies(probe(b))).toEqual([]);
  });

  it('round-trips fingerprints and probes through their stored forms', async () => {
    const { fingerprint, probes } = await photoHashes(await jpeg({ seed: 3 }));
    expect(textToFingerprint(fingerprintToText(fingerprint))).toEqual(fingerprint);
    expect(bytesToProbes(probesToBytes(probes))).toEqual(probes);
    expect(() => textToFingerprint('nope')).toThrow(/<16 hex>-<16 hex>/);
  });
});

describe('copies of real photos', () => {
  it('finds a photo cropped, brightened and mirrored, and not an unrelated one', async () => {
    const original = await jpeg({ seed: 11, width: 1600, height: 1200 });
    const index = new CopyIndex();
    index.put('published:case/01.jpg', (await photoHashes(original)).fingerprint);
    for (const alteration of [
      { crop: { left: 0.1, right: 0.02, top: 0.07, bottom: 0 } },
      { brightness: 1.08, scale: 0.9 },
      { mirror: true, contrast: 0.9 },
      { crop: { left: 0.05, right: 0.05, top: 0.05, bottom: 0.05 }, mirror: true, brightness: 0.92, quality: 60 },
    ]) {
      const copy = await photoHashes(await alterPhoto(original, alteration));
      expect(index.findCopies(copy.probes).map((m) => m.ref), JSON.stringify(alteration)).toEqual(['published:case/01.jpg']);
    }
    const unrelated = await photoHashes(await jpeg({ seed: 12, width: 1600, height: 1200 }));
    expect(index.findCopies(unrelated.probes)).toEqual([]);
  });
});
