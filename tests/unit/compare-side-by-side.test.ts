import { describe, expect, it } from 'vitest';
import { sideBySide, type SidePhoto } from '../../src/lib/compare/side-by-side.ts';

const photo = (id: string, view: SidePhoto['view'], stage: SidePhoto['badge']['stage'], earned = stage === 'healed' || stage === 'long-term') => ({ id, view, badge: { stage, earnsHealedBadge: earned } });

describe('sideBySide', () => {
  it('shows the same view at the same earned stage, long-term before healed', () => {
    const a = { timeline: [photo('a-top-fresh', 'top', 'fresh'), photo('a-top-healed', 'top', 'healed'), photo('a-crown-long', 'crown', 'long-term')] };
    const b = { timeline: [photo('b-crown-long', 'crown', 'long-term'), photo('b-top-healed', 'top', 'healed')] };
    expect(sideBySide([a, b])).toEqual({ common: { view: 'crown', stage: 'long-term' }, photos: [a.timeline[2], b.timeline[0]] });
  });

  it('never counts a healed stage that is not earned (a declared date)', () => {
    const a = { timeline: [photo('a', 'top', 'healed', false)], fallback: photo('a-after', 'top', 'healed', false) };
    const b = { timeline: [photo('b', 'top', 'healed')] };
    expect(sideBySide([a, b])).toEqual({ photos: [a.fallback, b.timeline[0]] });
  });

  it('falls back to each case\'s best after when no pair is common, and to its last photo without one', () => {
    const a = { timeline: [photo('a', 'hairline', 'healed')], fallback: photo('a-after', 'hairline', 'healed') };
    const b = { timeline: [photo('b1', 'crown', 'fresh'), photo('b2', 'crown', 'settling')] };
    expect(sideBySide([a, b])).toEqual({ photos: [a.fallback, b.timeline[1]] });
  });
});
