import { describe, expect, it } from 'vitest';
import { heldRows } from '../../src/lib/db/parse-cache.ts';

describe('held rows of the parse cache', () => {
  it('gives back every row in order, text intact (UTF-8 beyond ASCII, rows larger than a buffer)', () => {
    const held = heldRows(3);
    const rows = Array.from({ length: 3_000 }, (_, i) => [`ana-lopes/cases/case-${i}`, `${i}:1733.5:${i * 7}`, JSON.stringify({ notes: `São Paulo, ${'ç'.repeat(i % 40)} 🙂 #${i}` })]);
    const huge = ['big/cases/one', '1:2:3', 'x'.repeat(5 * 1024 * 1024)];
    rows.slice(0, 1_500).forEach((row) => held.add(row));
    held.add(huge);
    rows.slice(1_500).forEach((row) => held.add(row));
    expect(held.count).toBe(3_001);
    expect([...held.take()]).toEqual([...rows.slice(0, 1_500), huge, ...rows.slice(1_500)]);
    // Taken rows are no longer held.
    expect(held.count).toBe(0);
    expect([...held.take()]).toEqual([]);
  });

  it('refuses a row of another width', () => {
    expect(() => heldRows(3).add(['only', 'two'])).toThrow(/3 fields, not 2/);
  });
});
