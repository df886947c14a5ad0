import type { Fingerprint, Probes } from './types.ts';

/**
 * Multi-index hashing (Norouzi et al.) over the 64-bit outer hashes: each hash is cut into three
 * chunks (22, 21, 21 bits) with one table per chunk. Two hashes within 8 bits of each other agree
 * within 2 bits on at least one chunk (3 chunks × 3 > 8), so a query visits only the buckets of its
 * chunks and their neighbours within 2 bits (254 + 232 + 232 per probe), never the whole index:
 * at a million photos a bucket holds well under one entry on average.
 * Buckets are linked lists in typed arrays (head per bucket, next per entry): adding is O(1) and
 * a million entries take ~45 MB. A small index uses only the low bits of each chunk as its bucket
 * (entries sharing a bucket are told apart by the full comparison), so it holds kilobytes, not the
 * 32 MB of full-width tables; the tables double, rebuilt, as entries arrive. Removal marks an entry
 * dead; its slot is not reused.
 */

const chunkBits = [22, 21, 21] as const;
/** Search radius per chunk: 2 bits, which makes 8 bits the largest outer distance searchable. */
export const maxOuterDistance = 8;
const radius = 2;

/** Bit `i` of a 64-bit hash (hi: bits 0–31, lo: 32–63). */
function chunkOf(hi: number, lo: number, chunk: number): number {
  // Chunk 0: bits 0–21 (hi); chunk 1: bits 22–31 (hi) + 32–42 (lo); chunk 2: bits 43–63 (lo).
  if (chunk === 0) return hi & 0x3fffff;
  if (chunk === 1) return ((hi >>> 22) | ((lo & 0x7ff) << 10)) >>> 0;
  return lo >>> 11;
}

/** Per chunk, every XOR that reaches a key within `radius` bits: 0, each bit, each pair of bits. */
const neighbourFlips = chunkBits.map((bits) => {
  const flips = [0];
  for (let i = 0; i < bits; i++) {
    flips.push(1 << i);
    for (let j = i + 1; j < bits && radius >= 2; j++) flips.push((1 << i) | (1 << j));
  }
  return Int32Array.from(flips);
});

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Matches within these distances count (outer at most `maxOuterDistance`). */
export interface MatchLimits { outer: number; inner: number }

export class HashIndex {
  private capacity = 0;
  private count = 0;
  private words = new Uint32Array(0);
  private alive = new Uint8Array(0);
  /** Bucket bits in use (10 up to the 22 of the widest chunk): at most one entry per 4 buckets. */
  private tableBits = 10;
  private heads = chunkBits.map((bits) => new Int32Array(1 << Math.min(bits, 10)).fill(-1));
  private nexts = chunkBits.map(() => new Int32Array(0));
  private stamps = new Uint32Array(0);
  private queries = 0;

  /** Entries ever added (dead ones included): the next entry's number. */
  get size(): number {
    return this.count;
  }

  /** Adds a fingerprint; returns its entry number. */
  add(fingerprint: Fingerprint): number {
    if (this.count === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    const entry = this.count++;
    const { outer, inner } = fingerprint;
    this.words.set([outer.hi, outer.lo, inner.hi, inner.lo], entry * 4);
    this.alive[entry] = 1;
    if (this.count * 4 > 1 << this.tableBits && this.tableBits < chunkBits[0]) this.rebuildTables(this.tableBits + 1);
    else this.link(entry);
    return entry;
  }

  /** Puts an entry at the head of its bucket in each table. */
  private link(entry: number): void {
    const hi = this.words[entry * 4]!, lo = this.words[entry * 4 + 1]!;
    for (let c = 0; c < chunkBits.length; c++) {
      const bucket = chunkOf(hi, lo, c) & (this.heads[c]!.length - 1);
      this.nexts[c]![entry] = this.heads[c]![bucket]!;
      this.heads[c]![bucket] = entry;
    }
  }

  /** New tables of `bits` bucket bits, every entry linked again (amortized O(1) per add). */
  private rebuildTables(bits: number): void {
    this.tableBits = bits;
    this.heads = chunkBits.map((width) => new Int32Array(1 << Math.min(width, bits)).fill(-1));
    for (let entry = 0; entry < this.count; entry++) this.link(entry);
  }

  /** Forgets an entry (it is skipped from then on). */
  remove(entry: number): void {
    if (entry >= 0 && entry < this.count) this.alive[entry] = 0;
  }

  /**
   * Every live entry whose outer hash is within `limits.outer` of some probe's outer hash and whose
   * inner hash is within `limits.inner` of the same probe's inner hash; with the smallest outer
   * distance found per entry.
   */
  query(probes: Probes, limits: MatchLimits): Map<number, number> {
    if (limits.outer > maxOuterDistance) throw new RangeError(`HashIndex.query(): outer distance ${limits.outer} is above the ${maxOuterDistance} bits the index can search`);
    const found = new Map<number, number>();
    if (this.count === 0) return found;
    const { words, alive, stamps } = this;
    for (let p = 0; p < probes.length; p += 4) {
      const hi = probes[p]!, lo = probes[p + 1]!, innerHi = probes[p + 2]!, innerLo = probes[p + 3]!;
      // A fresh stamp per probe: an entry reached through two chunks is compared once. Stamps
      // start at 1 (the array starts at 0) and wrap after 4 billion probes.
      const stamp = (this.queries = (this.queries + 1) >>> 0) || (this.queries = 1);
      for (let c = 0; c < chunkBits.length; c++) {
        const key = chunkOf(hi, lo, c);
        const heads = this.heads[c]!, next = this.nexts[c]!, flips = neighbourFlips[c]!;
        const mask = heads.length - 1;
        for (let f = 0; f < flips.length; f++) {
          for (let e = heads[(key ^ flips[f]!) & mask]!; e !== -1; e = next[e]!) {
            if (stamps[e] === stamp || !alive[e]) continue;
            stamps[e] = stamp;
            const w = e * 4;
            const outer = popcount((words[w]! ^ hi) >>> 0) + popcount((words[w + 1]! ^ lo) >>> 0);
            if (outer > limits.outer) continue;
            const inner = popcount((words[w + 2]! ^ innerHi) >>> 0) + popcount((words[w + 3]! ^ innerLo) >>> 0);
            if (inner > limits.inner) continue;
            const best = found.get(e);
            if (best === undefined || outer < best) found.set(e, outer);
          }
        }
      }
    }
    return found;
  }

  private grow(capacity: number): void {
    const words = new Uint32Array(capacity * 4);
    words.set(this.words);
    this.words = words;
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const stamps = new Uint32Array(capacity);
    stamps.set(this.stamps);
    this.stamps = stamps;
    this.nexts = this.nexts.map((next) => {
      const bigger = new Int32Array(capacity);
      bigger.set(next);
      return bigger;
    });
    this.capacity = capacity;
  }
}
