/**
 * How text becomes terms, the same way for documents and queries, and close to Meilisearch's
 * tokenizer for Latin scripts: any character that is not a letter, mark or digit separates words
 * (so `post-transplant` is two words), and terms are compared lower case without accents (so
 * `sao paulo` finds São Paulo).
 */

// Marks (\p{M}) stay inside a word so that a decomposed "São" (S a ◌̃ o) is not split at the tilde.
const separators = /[^\p{L}\p{M}\p{N}]+/u;
const marks = /\p{M}/gu;

/** Meilisearch reads at most 10 words of a query; the rest is ignored, here too. */
export const maxQueryWords = 10;

/** Splits text into raw words. */
export function tokenize(text: string): string[] {
  return text.split(separators).filter((word) => word.length > 0);
}

// Indexing normalizes millions of words drawn from a few thousand: remembering them is ~10x faster.
// Bounded, because queries bring arbitrary words.
const normalized = new Map<string, string>();

/** A word as it is indexed and compared: lower case, accents removed (ligatures such as ﬁ become fi). */
export function normalizeTerm(word: string): string {
  let term = normalized.get(word);
  if (term === undefined) {
    term = word.normalize('NFKD').replace(marks, '').toLowerCase();
    if (normalized.size >= 100_000) normalized.clear();
    normalized.set(word, term);
  }
  return term;
}

/** Every distinct term of a text. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const word of tokenize(text)) {
    const term = normalizeTerm(word);
    if (term) terms.add(term);
  }
  return terms;
}

/** One word of a query and whether it may match as a prefix. */
export interface QueryWord {
  term: string;
  /**
   * Only the last word is a prefix (the one being typed), and only while the user is still typing
   * it: a query ending in a separator ("pun ") has finished its last word, as in Meilisearch.
   */
  prefix: boolean;
}

/** The words of a query, at most `maxQueryWords`, with the prefix rule applied. */
export function queryWords(q: string): QueryWord[] {
  const terms = tokenize(q).map(normalizeTerm).filter((term) => term.length > 0).slice(0, maxQueryWords);
  const lastIsOpen = !separators.test(q.slice(-1)) && tokenize(q).length <= maxQueryWords;
  return terms.map((term, i) => ({ term, prefix: i === terms.length - 1 && lastIsOpen }));
}
