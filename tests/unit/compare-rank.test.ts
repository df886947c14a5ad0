import { describe, expect, it } from 'vitest';
import { canWiden, rankPractitioners, widenProfile, type PractitionerMatch } from '../../src/lib/compare/rank.ts';

const row = (slug: string, name: string, healedMatchingCases: number, matchingCases: number, longestHealedDays: number): PractitionerMatch => ({ slug, name, healedMatchingCases, matchingCases, longestHealedDays });

describe('rankPractitioners', () => {
  it('puts verified healed work on matching cases first, then matching cases, then the longest follow-up', () => {
    const ranked = rankPractitioners([
      row('many-unverified', 'Many Unverified', 0, 20, 0),
      row('one-healed', 'One Healed', 1, 2, 90),
      row('two-healed', 'Two Healed', 2, 2, 60),
      row('two-healed-more-cases', 'Two Healed More', 2, 5, 60),
      row('two-healed-longer', 'Two Healed Longer', 2, 5, 400),
    ]);
    expect(ranked.map((r) => r.slug)).toEqual(['two-healed-longer', 'two-healed-more-cases', 'two-healed', 'one-healed', 'many-unverified']);
  });

  it('breaks full ties by name as people read it (case and accents ignored), then by slug', () => {
    const ranked = rankPractitioners([row('z', 'zoe Park', 1, 1, 70), row('e', 'Émile Durand', 1, 1, 70), row('a2', 'Ana Lima', 1, 1, 70), row('a1', 'ana lima', 1, 1, 70)]);
    expect(ranked.map((r) => r.slug)).toEqual(['a1', 'a2', 'e', 'z']);
  });

  it('does not change its input', () => {
    const rows = [row('b', 'B', 0, 1, 0), row('a', 'A', 1, 1, 60)];
    rankPractitioners(rows);
    expect(rows.map((r) => r.slug)).toEqual(['b', 'a']);
  });
});

describe('widenProfile (nearby profiles)', () => {
  it('takes each Norwood stage and Fitzpatrick type with its neighbours, within their scales', () => {
    expect(widenProfile({ norwood: [5], fitzpatrick: ['III'] })).toEqual({ norwood: [4, 5, 6], fitzpatrick: ['II', 'III', 'IV'] });
    expect(widenProfile({ norwood: [1, 7], fitzpatrick: ['I', 'VI'] })).toEqual({ norwood: [1, 2, 6, 7], fitzpatrick: ['I', 'II', 'V', 'VI'] });
  });

  it('leaves Ludwig as it is, and says when nothing can widen', () => {
    expect(widenProfile({ ludwig: ['II'] })).toEqual({ ludwig: ['II'] });
    expect(canWiden({ ludwig: ['II'] })).toBe(false);
    expect(canWiden({ ludwig: ['II'], fitzpatrick: ['IV'] })).toBe(true);
  });
});
