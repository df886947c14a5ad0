import type { PhotoVariants, VariantFormat } from './types.ts';

/**
 * Names and URLs of variant files. Pure (no sharp, no disk), so components can import it.
 * A name is `<sha256>.<recipeId>.<width>.<avif|webp|jpg>`: content-addressed, hence immutable.
 */

// The only names the store will ever open: anything else (`..`, `%2e`, `/`, upper case) misses.
const variantFileNamePattern = /^([a-f0-9]{64})\.([a-f0-9]{8})\.([1-9][0-9]{0,4})\.(avif|webp|jpg)$/;

const extensionOf: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };
const formatOfExtension: Record<string, VariantFormat> = { avif: 'avif', webp: 'webp', jpg: 'jpeg' };

/** MIME type of each format, as sent in `Content-Type` and `<source type>`. */
export const contentTypes: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/** A variant's parsed file name. */
export interface VariantFileName {
  /** SHA-256 of the master. */
  sha256: string;
  /** Recipe id the file was made with. */
  recipeId: string;
  /** Pixel width of the variant. */
  width: number;
  /** Format of the variant. */
  format: VariantFormat;
}

/** The file name of one variant. */
export function variantFileName(sha256: string, recipeId: string, width: number, format: VariantFormat): string {
  return `${sha256}.${recipeId}.${width}.${extensionOf[format]}`;
}

/** The manifest file name of a photo's variant set. */
export function manifestFileName(sha256: string, recipeId: string): string {
  return `${sha256}.${recipeId}.json`;
}

/** Parses a variant file name with the strict pattern; `undefined` for anything else. */
export function parseVariantFileName(name: string): VariantFileName | undefined {
  const match = variantFileNamePattern.exec(name);
  if (!match) return undefined;
  const [, sha256, recipeId, width, extension] = match;
  return { sha256, recipeId, width: Number(width), format: formatOfExtension[extension] };
}

/** True for a lowercase hex SHA-256, the only key the store accepts. */
export function isSha256(value: string): boolean {
  return /^[a-f0-9]{64}$/.test(value);
}

/** Public URL of one variant, served by `src/pages/img/[file].ts`. */
export function variantUrl(v: PhotoVariants, width: number, format: VariantFormat): string {
  return `/img/${variantFileName(v.sha256, v.recipeId, width, format)}`;
}

/** A `srcset` listing every width of one format. */
export function variantSrcset(v: PhotoVariants, format: VariantFormat): string {
  return v.widths.map((w) => `${variantUrl(v, w, format)} ${w}w`).join(', ');
}
