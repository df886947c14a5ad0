import { describe, expect, it } from 'vitest';
import { readPortfolios } from '../../src/lib/content/index.ts';
import { evidenceLevels } from '../../src/lib/evidence/index.ts';
import { healedRank, summarizeCase, type TrustPhoto } from '../../src/lib/trust/index.ts';

const day = 86_400_000;
const figures = (kase: Parameters<typeof summarizeCase>[0]) => {
  const { hasVerifiedHealed, daysHealed } = summarizeCase(kase);
  return { hasVerifiedHealed, daysHealed };
};

/** A small seeded generator (mulberry32), so a failing case can be found again. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('healedRank', () => {
  it('gives the figures summarizeCase gives for every shipped case', async () => {
    const { cases } = await readPortfolios('portfolios');
    expect(cases.size).toBeGreaterThan(30);
    for (const kase of cases.values()) expect(healedRank(kase), kase.id).toEqual(figures(kase));
  });

  it('gives the figures summarizeCase gives for cases of every shape: touch-ups, unsorted dates, every evidence level', () => {
    const random = seeded(12);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const start = Date.UTC(2024, 0, 1);
    let healed = 0;
    for (let i = 0; i < 3_000; i++) {
      const sessions = Array.from({ length: 1 + Math.floor(random() * 3) }, () => new Date(start + Math.floor(random() * 60) * day));
      const last = Math.max(...sessions.map((s) => s.getTime()));
      const touchUps = Array.from({ length: Math.floor(random() * 3) }, () => new Date(last + Math.floor(random() * 400) * day));
      const photos: TrustPhoto[] = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({
        capturedAt: new Date(start + Math.floor(random() * 900 - 30) * day),
        evidence: { level: pick(evidenceLevels) },
      }));
      const kase = { sessions, touchUps, photos };
      const expected = figures(kase);
      if (expected.hasVerifiedHealed) healed++;
      expect(healedRank(kase), JSON.stringify(kase)).toEqual(expected);
    }
    // The generated cases cover both outcomes, with and without a verified healed photo.
    expect(healed).toBeGreaterThan(300);
    expect(healed).toBeLessThan(2_700);
  });
});
