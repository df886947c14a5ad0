import sharp, { type OutputInfo, type Sharp } from './sharp.ts';
import { widthsFor } from './recipe.ts';
import type { FormatSettings, VariantFormat, VariantRecipe } from './types.ts';

/** One encoded variant, ready to be written to the store. */
export interface EncodedVariant {
  /** Pixel width, as reported by the encoder. */
  width: number;
  /** Pixel height, as reported by the encoder. */
  height: number;
  /** Output format. */
  format: VariantFormat;
  /** The encoded bytes (no metadata: sharp strips it unless asked not to, and we never ask). */
  body: Uint8Array;
}

/** Every output of one master. */
export interface EncodedImage {
  /** Master width once oriented. */
  width: number;
  /** Master height once oriented. */
  height: number;
  /** The inline placeholder as a data URL. */
  placeholder: string;
  /** Every width × format of the recipe that fits the master. */
  variants: EncodedVariant[];
}

// Masters are normalized photos of at most a few dozen megapixels; anything larger is a
// decompression bomb, refused before a single pixel is decoded.
const maxInputPixels = 100_000_000;

interface Level { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 }

/**
 * Encodes one master by the recipe. The file is decoded once, oriented and shrunk to the largest
 * width needed (JPEG shrink-on-load makes that cheap); every width is resized from that in-memory
 * raw copy and every format encoded from each width, so no step decodes the master twice.
 */
export async function encodeImage(input: Uint8Array, recipe: VariantRecipe): Promise<EncodedImage> {
  const meta = await sharp(input, { limitInputPixels: maxInputPixels }).metadata();
  // autoOrient carries the dimensions after EXIF orientation (orientation 5–8 swaps them).
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  const widths = widthsFor(recipe, width ?? 0);
  if (!width || !height || widths.length === 0) throw new Error('the image has no readable dimensions');

  let decoder = sharp(input, { limitInputPixels: maxInputPixels }).rotate();
  // Photos need no transparency and JPEG has none: flatten on white rather than on black.
  if (meta.hasAlpha) decoder = decoder.flatten({ background: '#ffffff' });
  const largest = widths.at(-1)!;
  if (largest < width) decoder = decoder.resize({ width: largest });
  // 8-bit raw, whatever the input depth, so the raw copy can be read back with plain uchar pixels.
  const top = toLevel(await decoder.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));

  const variants: EncodedVariant[] = [];
  let smallest = top;
  for (const w of [...widths].reverse()) {
    const level = w === top.width ? top : toLevel(await fromLevel(top).resize({ width: w }).raw().toBuffer({ resolveWithObject: true }));
    for (const { format, settings } of recipe.formats) {
      const { data, info } = await withFormat(fromLevel(level), format, settings).toBuffer({ resolveWithObject: true });
      variants.push({ width: info.width, height: info.height, format, body: data });
    }
    smallest = level;
  }
  variants.sort((a, b) => a.width - b.width); // stable: keeps the recipe's format order per width
  const { blur, quality, width: placeholderWidth } = recipe.placeholder;
  const tiny = await fromLevel(smallest)
    .resize({ width: Math.min(placeholderWidth, smallest.width) })
    .blur(blur)
    .webp({ quality })
    .toBuffer();
  return { width, height, placeholder: `data:image/webp;base64,${tiny.toString('base64')}`, variants };
}

function toLevel({ data, info }: { data: Buffer; info: OutputInfo }): Level {
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function fromLevel(level: Level): Sharp {
  return sharp(level.data, { raw: { width: level.width, height: level.height, channels: level.channels } });
}

function withFormat(image: Sharp, format: VariantFormat, settings: FormatSettings): Sharp {
  const { quality, effort, mozjpeg } = settings;
  switch (format) {
    case 'avif': return image.avif({ quality, effort });
    case 'webp': return image.webp({ quality, effort });
    case 'jpeg': return image.jpeg({ quality, mozjpeg });
  }
}
