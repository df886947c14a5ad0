import type { CaseColumns } from './columns.ts';
import type { ResolvedQuery } from './query.ts';

/**
 * Slot order for a sort. The chosen sort always decides first (Meilisearch is configured with
 * `sort` as its first ranking rule, so "newest" means newest even with text); relevance then
 * breaks ties, and the slot last, so equal keys keep one stable order and pages never overlap.
 */
export function comparatorFor(
  sort: ResolvedQuery['sort'],
  columns: CaseColumns,
  scores: Float64Array | undefined,
  distances: Float64Array | undefined,
): (a: number, b: number) => number {
  const published = columns.publishedAt;
  const days = columns.daysHealed;
  const score = scores ?? new Float64Array(0);
  const byScore = scores ? (a: number, b: number) => score[b]! - score[a]! : () => 0;
  switch (sort) {
    case 'newest':
      return (a, b) => published[b]! - published[a]! || byScore(a, b) || a - b;
    case 'healed-longest':
      return (a, b) => days[b]! - days[a]! || published[b]! - published[a]! || byScore(a, b) || a - b;
    case 'distance': {
      const distance = distances!;
      return (a, b) => distance[a]! - distance[b]! || byScore(a, b) || a - b;
    }
    case 'relevance':
      return (a, b) => byScore(a, b) || published[b]! - published[a]! || a - b;
  }
}
