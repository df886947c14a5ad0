import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/lib/demo/days.ts';
import { createRandom } from '../../src/lib/demo/random.ts';

describe('createRandom', () => {
  it('repeats the same stream for the same seed and forks independent named streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    const a = createRandom(1);
    const before = a.fork('x').next();
    a.next();
    expect(a.fork('x').next()).toBe(before);
    expect(a.fork('y').next()).not.toBe(before);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const random = createRandom(3);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(7, 30)));
    expect(Math.min(...seen)).toBe(7);
    expect(Math.max(...seen)).toBe(30);
  });
});

describe('days', () => {
  it('round-trips YYYY-MM-DD without time-zone drift', () => {
    expect(formatDay(parseDay('2026-09-30'))).toBe('2026-09-30');
    expect(parseDay('2024-03-01') - parseDay('2024-02-28')).toBe(2); // leap year
    expect(() => parseDay('30/09/2026')).toThrow();
  });
});
