import { searchableFields } from './fields.ts';
import { Postings } from './postings.ts';
import { normalizeTerm, tokenize, type QueryWord } from './text-terms.ts';
import { matchTerm, type TermMatch } from './typo.ts';
import type { CaseDocument } from './types.ts';

/**
 * Full text for the embedded engine: an inverted index (term → postings) with Meilisearch's
 * matching rules. Each query word matches the indexed terms typo.ts allows; a document matches
 * when every word does (`matchingStrategy: 'all'`). Ranking follows Meilisearch's order: fewer
 * typos first, then the best field (name before clinic and city before notes), then exact over
 * prefix matches.
 */

// One bit per searchable field, in `searchableFields` order; the best field of a mask wins.
const fieldRank = [3, 2, 2, 1];
const bestFieldRank = Array.from({ length: 1 << searchableFields.length }, (_, mask) =>
  Math.max(0, ...fieldRank.filter((_, bit) => mask & (1 << bit))));
// Typos dominate (1000 per typo), then the field (×10), then exactness (+1).
const matchScore: Record<TermMatch, number> = { exact: 1, prefix: 0, typo1: -1000, typo2: -2000 };

/** Each distinct term of a document with the fields it appears in (bit mask). */
function termFields(doc: CaseDocument): Map<string, number> {
  const terms = new Map<string, number>();
  searchableFields.forEach((field, bit) => {
    for (const word of tokenize(doc[field] ?? '')) {
      const term = normalizeTerm(word);
      if (term) terms.set(term, (terms.get(term) ?? 0) | (1 << bit));
    }
  });
  return terms;
}

/** Slots that matched a text query, and their relevance scores (indexed by slot). */
export interface TextMatches {
  slots: Int32Array;
  count: number;
  scores: Float64Array;
}

/** The inverted index, and its vocabulary bucketed by first letter for typo candidates. */
export class TextIndex {
  private postings = new Map<string, Postings>();
  private byFirstLetter = new Map<string, Set<string>>();
  /**
   * Per-slot work arrays, reused by every search (searches run one at a time, synchronously).
   * Allocated per query they were ~1.7 MB of typed arrays at 100k cases: V8 answers that much
   * external memory with full collections of the whole heap, which made search p95 ~65 ms.
   */
  private scratch = { matched: new Uint8Array(0), best: new Float64Array(0), scores: new Float64Array(0) };

  private work(slotCount: number) {
    if (this.scratch.matched.length < slotCount) {
      // Grown with room, so a publish (one more slot) does not reallocate them.
      const size = Math.ceil(slotCount * 1.25) + 64;
      this.scratch = { matched: new Uint8Array(size), best: new Float64Array(size), scores: new Float64Array(size) };
    }
    const { matched, best, scores } = this.scratch;
    matched.fill(0, 0, slotCount);
    best.fill(-Infinity, 0, slotCount);
    scores.fill(0, 0, slotCount);
    return { matched, best, scores };
  }

  /** Indexes a document under its slot. */
  add(slot: number, doc: CaseDocument): void {
    for (const [term, mask] of termFields(doc)) {
      let postings = this.postings.get(term);
      if (!postings) {
        this.postings.set(term, (postings = new Postings()));
        this.bucket(term).add(term);
      }
      postings.push(slot, mask);
    }
  }

  /** Removes a document that was added under `slot` with exactly these fields. */
  remove(slot: number, doc: CaseDocument): void {
    for (const term of termFields(doc).keys()) {
      const postings = this.postings.get(term);
      postings?.delete(slot);
      if (postings && postings.length === 0) {
        this.postings.delete(term);
        this.bucket(term).delete(term);
      }
    }
  }

  /** Trims every postings list to its size, after a full build (saves ~a third of its memory). */
  compact(): void {
    for (const postings of this.postings.values()) postings.compact();
  }

  /** Indexed terms a query word may match, with the score of each kind of match. */
  candidates(word: QueryWord): { postings: Postings; score: number }[] {
    const found = [];
    for (const term of this.byFirstLetter.get(word.term[0]!) ?? []) {
      const match = matchTerm(word.term, term, word.prefix);
      if (match) found.push({ postings: this.postings.get(term)!, score: matchScore[match] });
    }
    return found;
  }

  /**
   * Slots matching every word and passing `keep`. Words are intersected rarest first, so the
   * work is bounded by the rarest word's postings plus one pass over each other word's.
   */
  search(words: QueryWord[], slotCount: number, keep: (slot: number) => boolean): TextMatches {
    const perWord = words
      .map((word) => this.candidates(word))
      .map((candidates) => ({ candidates, size: candidates.reduce((n, c) => n + c.postings.length, 0) }))
      .sort((a, b) => a.size - b.size);
    // matched[slot] = how many words (in this order) the slot has matched; best = its best score for the current word.
    // `scores` stays valid until the next search, which is after the caller has ranked with it.
    const { matched, best, scores } = this.work(slotCount);
    if (perWord.length === 0 || perWord[0]!.size === 0) return { slots: new Int32Array(0), count: 0, scores };
    let survivors = new Int32Array(perWord[0]!.size);
    let count = 0;
    perWord.forEach(({ candidates }, w) => {
      for (const { postings, score } of candidates) {
        const { slots, fields, length } = postings;
        for (let i = 0; i < length; i++) {
          const slot = slots[i]!;
          const m = matched[slot]!;
          if (m !== w && m !== w + 1) continue; // missed an earlier word
          if (m === w) {
            matched[slot] = w + 1;
            if (w === 0) survivors[count++] = slot;
          }
          const s = score + 10 * bestFieldRank[fields[i]!]!;
          if (s > best[slot]!) best[slot] = s;
        }
      }
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const slot = survivors[i]!;
        if (matched[slot] !== w + 1) continue;
        scores[slot] += best[slot]!;
        best[slot] = -Infinity;
        survivors[kept++] = slot;
      }
      count = kept;
    });
    let kept = 0;
    for (let i = 0; i < count; i++) if (keep(survivors[i]!)) survivors[kept++] = survivors[i]!;
    return { slots: survivors, count: kept, scores };
  }

  private bucket(term: string): Set<string> {
    let set = this.byFirstLetter.get(term[0]!);
    if (!set) this.byFirstLetter.set(term[0]!, (set = new Set()));
    return set;
  }
}
