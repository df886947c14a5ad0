import { describe, expect, it } from 'vitest';
import {
  defaultRecipe, parseVariantFileName, recipeIdOf, variantFileName, variantSrcset, variantUrl, widthsFor,
  type PhotoVariants,
} from '../../src/lib/images/index.ts';

const sha = 'ab'.repeat(32);

describe('widthsFor', () => {
  it('never upscales, and tops out at the master width or the recipe cap', () => {
    const cap = defaultRecipe.widths.at(-1)!;
    for (const master of [1, 100, 399, 400, 401, 799, 800, 1000, 1599, 1600, 1601, 6000]) {
      const widths = widthsFor(defaultRecipe, master);
      expect(widths.length).toBeGreaterThan(0);
      expect(widths.every((w) => w <= master)).toBe(true);
      expect(widths).toEqual([...new Set(widths)].sort((a, b) => a - b));
      expect(widths.at(-1)).toBe(Math.min(master, cap));
      // Every recipe width that fits is made.
      for (const w of defaultRecipe.widths) expect(widths.includes(w)).toBe(w <= master);
    }
  });

  it('makes nothing for an unusable width', () => {
    expect(widthsFor(defaultRecipe, 0)).toEqual([]);
    expect(widthsFor(defaultRecipe, Number.NaN)).toEqual([]);
  });
});

describe('recipeIdOf', () => {
  it('is 8 hex chars, stable, and changes with any setting', () => {
    const id = recipeIdOf(defaultRecipe);
    expect(id).toMatch(/^[a-f0-9]{8}$/);
    expect(recipeIdOf(structuredClone(defaultRecipe))).toBe(id);
    const changed = structuredClone(defaultRecipe);
    changed.formats[0].settings.quality += 1;
    expect(recipeIdOf(changed)).not.toBe(id);
    expect(recipeIdOf({ ...defaultRecipe, widths: [400, 800] })).not.toBe(id);
  });
});

describe('variant file names', () => {
  it('round-trip through the strict parser', () => {
    const name = variantFileName(sha, '0123abcd', 800, 'jpeg');
    expect(name).toBe(`${sha}.0123abcd.800.jpg`);
    expect(parseVariantFileName(name)).toEqual({ sha256: sha, recipeId: '0123abcd', width: 800, format: 'jpeg' });
  });

  it('reject anything that is not exactly a variant name', () => {
    const bad = [
      '../x', '%2e%2e', '..%2f..%2fetc%2fpasswd', '/etc/passwd', `/${sha}.0123abcd.800.jpg`, `ab/${sha}.0123abcd.800.jpg`,
      `${sha.toUpperCase()}.0123abcd.800.jpg`, `${sha}.0123abcd.800.jpeg`, `${sha}.0123abcd.800.png`, `${sha}.0123abcd.0800.jpg`,
      `${sha}.0123abcd.800.jpg\0`, `${sha}.0123abcd.800.jpg/..`, `${sha}.0123abcd.json`, `${sha.slice(1)}.0123abcd.800.jpg`, '',
    ];
    for (const name of bad) expect(parseVariantFileName(name), name).toBeUndefined();
  });
});

describe('variantUrl and variantSrcset', () => {
  const v: PhotoVariants = {
    sha256: sha, recipeId: '0123abcd', width: 1000, height: 750, placeholder: 'data:image/webp;base64,AA==',
    widths: [400, 800, 1000], heights: [300, 600, 750], formats: ['avif', 'webp', 'jpeg'],
  };
  it('point at the /img endpoint with one entry per width', () => {
    expect(variantUrl(v, 400, 'avif')).toBe(`/img/${sha}.0123abcd.400.avif`);
    expect(variantSrcset(v, 'webp')).toBe(
      [400, 800, 1000].map((w) => `/img/${sha}.0123abcd.${w}.webp ${w}w`).join(', '),
    );
  });
});
