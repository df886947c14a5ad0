import { describe, expect, it } from 'vitest';
import { casesPerPage, pageNumber, pageOf } from '../../src/lib/gallery/index.ts';

describe('listing pages', () => {
  it('reads ?page= as a plain positive whole number, absent meaning 1', () => {
    expect(pageNumber(null)).toBe(1);
    expect(pageNumber('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', '01', 'abc', '', '9999999']) expect(pageNumber(bad), bad).toBeUndefined();
  });

  it('cuts a list into pages and refuses pages past the end', () => {
    const items = Array.from({ length: casesPerPage * 2 + 1 }, (_, i) => i);
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 3, total: items.length, items: items.slice(0, casesPerPage) });
    expect(pageOf(items, 3)?.items).toEqual([casesPerPage * 2]);
    expect(pageOf(items, 4)).toBeUndefined();
    expect(pageOf([], 1)).toEqual({ items: [], page: 1, pages: 1, total: 0 });
    expect(pageOf([], 2)).toBeUndefined();
  });
});
