import { createHash } from 'node:crypto';
import type { VariantRecipe } from './types.ts';

/**
 * The variant recipe. Qualities were tuned with `npm run bench:images`: each format as high as it
 * goes while its bytes stay near sharp's defaults (AVIF q50 effort 4, WebP q80, JPEG q80 without
 * mozjpeg), the target being ≤ 110%. Measured: AVIF 103%, WebP 103%, JPEG 100%.
 */
export const defaultRecipe: VariantRecipe = {
  version: 1,
  // 400 fits phone grids, 1600 a full-width case photo on a 2x laptop; more would only cost disk.
  widths: [400, 800, 1200, 1600],
  formats: [
    // Effort 1 encodes ~2x faster than effort 2 and ~10x faster than the default 4, for a few
    // percent more bytes on 1600 px photos; q52 buys back the detail. AVIF is what almost every
    // visitor downloads, and the server encodes it at publish time, so speed counts twice.
    { format: 'avif', settings: { quality: 52, effort: 1 } },
    { format: 'webp', settings: { quality: 80, effort: 4 } },
    // JPEG is only the fallback for browsers without AVIF/WebP. mozjpeg q86 is the same size as
    // plain q80 here but 6x slower to encode (measured on 1600 px masters), so plain q80 it is.
    { format: 'jpeg', settings: { quality: 80 } },
  ],
  // 16 px wide is a few hundred bytes of base64 at most: cheap enough to inline in every card.
  placeholder: { width: 16, quality: 40, blur: 0.8 },
};

/** Short id of a recipe: 8 hex chars of the SHA-256 of its JSON, so any change re-encodes. */
export function recipeIdOf(recipe: VariantRecipe): string {
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 8);
}

/**
 * Widths to make for a master `masterWidth` wide: the recipe widths that fit, plus the master's
 * own width as the largest when it is narrower than the recipe's cap. Never upscales.
 */
export function widthsFor(recipe: VariantRecipe, masterWidth: number): number[] {
  if (!Number.isInteger(masterWidth) || masterWidth < 1) return [];
  const widths = recipe.widths.filter((w) => w <= masterWidth);
  const cap = recipe.widths.at(-1) ?? 0;
  if (masterWidth < cap && !widths.includes(masterWidth)) widths.push(masterWidth);
  return widths;
}
