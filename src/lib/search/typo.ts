/**
 * Meilisearch's typo rules, reproduced for the embedded engine (see its typo tolerance docs):
 * - a query word under 5 letters allows no typo, 5–8 letters one, 9 or more two;
 * - typos are counted with Damerau-Levenshtein, so a swap of two neighbours (`hiarline`) is one;
 * - a typo on the first letter counts as two; we simply require the first letter to match: the
 *   same answers for words under 9 letters, and for longer ones we may miss a word whose only
 *   typo is its first letter, but never match one Meilisearch would not;
 * - only the last query word may match as a prefix, and then its typos are counted against the
 *   closest prefix of the indexed word (a prefix Levenshtein automaton in Meilisearch).
 */

/** How many typos a query word of this length may carry (Meilisearch defaults: 5 and 9). */
export function allowedTypos(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Optimal-string-alignment distance between `word` and `term`, or between `word` and the closest
 * prefix of `term` when `prefix` is set. Returns `max + 1` as soon as it must exceed `max`.
 */
export function typoDistance(word: string, term: string, max: number, prefix: boolean): number {
  const n = word.length;
  const m = term.length;
  if (!prefix && Math.abs(n - m) > max) return max + 1;
  // Rows over `word`, columns over `term`; three rows are enough for a transposition.
  let before = new Array<number>(m + 1).fill(0);
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  let current = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= m; j++) {
      const cost = word[i - 1] === term[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && word[i - 1] === term[j - 2] && word[i - 2] === term[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  // For a prefix, the best alignment may stop anywhere along the term.
  const distance = prefix ? Math.min(...previous) : previous[m];
  return Math.min(distance, max + 1);
}

/** How an indexed term matched a query word: what the ranking weighs. */
export type TermMatch = 'exact' | 'prefix' | 'typo1' | 'typo2';

/** Whether `term` (indexed) matches the query `word` under the rules above, and how. */
export function matchTerm(word: string, term: string, prefix: boolean): TermMatch | undefined {
  if (term === word) return 'exact';
  if (prefix && term.startsWith(word)) return 'prefix';
  const max = allowedTypos(word.length);
  if (max === 0 || term[0] !== word[0]) return undefined;
  const distance = typoDistance(word, term, max, prefix);
  return distance === 1 ? 'typo1' : distance === 2 && max === 2 ? 'typo2' : undefined;
}
