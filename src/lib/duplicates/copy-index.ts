import { HashIndex, maxOuterDistance, type MatchLimits } from './hash-index.ts';
import type { CopyMatch, Fingerprint, Probes } from './types.ts';

/**
 * How close a probe must come to count as the same photo, measured by bench:duplicates on photos
 * and their altered copies: the outer hash at most 8 of 64 bits off (the index's search radius),
 * the inner hash at most 12. Unrelated photos differ in ~32 bits of each.
 */
export const copyLimits: MatchLimits = { outer: maxOuterDistance, inner: 12 };

/**
 * The one index of copies: photos registered under a ref (`photo:<id>` for a submitted photo,
 * `published:<case>/<file>` for a published one), each with its fingerprint. Re-registering a ref
 * replaces its fingerprint.
 */
export class CopyIndex {
  private readonly hashes = new HashIndex();
  private readonly entryOf = new Map<string, number>();
  private readonly refOf: string[] = [];

  /** Number of photos registered. */
  get size(): number {
    return this.entryOf.size;
  }

  has(ref: string): boolean {
    return this.entryOf.has(ref);
  }

  put(ref: string, fingerprint: Fingerprint): void {
    this.remove(ref);
    const entry = this.hashes.add(fingerprint);
    this.refOf[entry] = ref;
    this.entryOf.set(ref, entry);
  }

  remove(ref: string): void {
    const entry = this.entryOf.get(ref);
    if (entry === undefined) return;
    this.hashes.remove(entry);
    this.entryOf.delete(ref);
  }

  /** Every ref registered, for syncing against a list of what should be there. */
  refs(): IterableIterator<string> {
    return this.entryOf.keys();
  }

  /** Photos that a photo with these probes is a copy of (or that are copies of it), closest first. */
  findCopies(probes: Probes, limits: MatchLimits = copyLimits): CopyMatch[] {
    const found = this.hashes.query(probes, limits);
    return [...found].map(([entry, distance]) => ({ ref: this.refOf[entry]!, distance })).sort((a, b) => a.distance - b.distance || (a.ref < b.ref ? -1 : 1));
  }
}
