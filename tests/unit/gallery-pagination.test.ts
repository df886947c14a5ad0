import { describe, expect, it } from 'vitest';
import { casesPerPage, pageFromPath, pageOf, pagePath } from '../../src/lib/gallery/index.ts';

describe('listing pages', () => {
  it('reads page N from the path: none is page 1, page/N/ is N, anything else no page', () => {
    expect(pageFromPath(undefined)).toBe(1);
    expect(pageFromPath('page/2')).toBe(2);
    expect(pageFromPath('page/37/')).toBe(37);
    for (const bad of ['page/1', 'page/0', 'page/-1', 'page/02', 'page/abc', 'page', 'other/2', 'page/2/x', 'page/9999999']) expect(pageFromPath(bad), bad).toBeUndefined();
  });

  it('links page N of a listing, page 1 being the listing itself', () => {
    expect(pagePath('/treatments/scar-correction/', 1)).toBe('/treatments/scar-correction/');
    expect(pagePath('/treatments/scar-correction/', 3)).toBe('/treatments/scar-correction/page/3/');
    expect(pageFromPath(pagePath('/x/', 3).slice('/x/'.length))).toBe(3);
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
