import sharp from './sharp.ts';
import { createRandom } from '../demo/random.ts';
import type { VariantFormat } from './types.ts';

/**
 * The two sharp calls `scripts/bench-images.ts` needs, kept here because only this folder may
 * import sharp. Not part of the public face (`index.ts`): nothing but the benchmark uses them.
 */

/** Writes 8-bit RGB pixels as a JPEG: the benchmark's synthetic camera photos. */
export async function writeJpegFromRaw(pixels: Uint8Array, width: number, height: number, file: string, quality = 90): Promise<void> {
  await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toFile(file);
}

/**
 * The naive baseline: decode the master again for this one output and encode it at sharp's
 * default settings. Returns the output's size in bytes.
 */
export async function encodeNaively(file: string, width: number, format: VariantFormat): Promise<number> {
  const body = await sharp(file).resize(width).toFormat(format).toBuffer();
  return body.byteLength;
}

/**
 * Encodes 8-bit RGB pixels as a camera-like JPEG carrying an EXIF capture date (`YYYY:MM:DD
 * HH:MM:SS`), as a phone would upload it: the ingest benchmark's upload.
 */
export async function encodeCameraJpeg(pixels: Uint8Array, width: number, height: number, exifDate: string, quality = 90): Promise<Buffer> {
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'HealedBench', Model: 'Bench 24MP' }, IFD2: { DateTimeOriginal: exifDate } })
    .jpeg({ quality })
    .toBuffer();
}

/**
 * A seeded photo-like picture as raw 8-bit RGB: smooth blobs of colour (what perceptual hashes
 * see) under fine grain (realistic entropy for encoders). Test factories and bench:duplicates use
 * it as "a photo"; different seeds give unrelated pictures.
 */
export async function blobPhotoPixels(seed: number, width: number, height: number): Promise<Uint8Array> {
  const random = createRandom(seed).next;
  // Broad shapes: a seeded 16 × 12 grid of colours, enlarged smoothly.
  const grid = Buffer.from(Array.from({ length: 16 * 12 * 3 }, () => 40 + Math.floor(random() * 180)));
  const base = await sharp(grid, { raw: { width: 16, height: 12, channels: 3 } }).resize(width, height, { kernel: 'cubic', fit: 'fill' }).raw().toBuffer();
  // Grain from a table at a random offset per row: fast in JS.
  const table = Int8Array.from({ length: 1 << 16 }, () => Math.round((random() + random() - 1) * 26));
  for (let y = 0, i = 0; y < height; y++) {
    let t = Math.floor(random() * 65536);
    for (let x = 0; x < width * 3; x++, i++) {
      const v = base[i]! + table[t++ & 0xffff]!;
      base[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return base;
}

/** What a copier may do to a photo (bench:duplicates applies each to every original). */
export interface Alteration {
  /** Fractions cropped off each side (0–0.1 in the bench). */
  crop?: { left: number; right: number; top: number; bottom: number };
  /** Mirror left to right. */
  mirror?: boolean;
  /** Brightness factor (1.1 = 10 % brighter). */
  brightness?: number;
  /** Contrast factor around mid-grey (0.9 = 10 % less contrast). */
  contrast?: number;
  /** Resize to this fraction of the width. */
  scale?: number;
  /** JPEG quality of the re-encode (default 80). */
  quality?: number;
}

/** Applies an alteration and re-encodes as JPEG. */
export async function alterPhoto(input: Uint8Array, alteration: Alteration): Promise<Buffer> {
  const meta = await sharp(input).metadata();
  const width = meta.width ?? 0, height = meta.height ?? 0;
  let image = sharp(input);
  const crop = alteration.crop;
  if (crop) {
    const left = Math.round(width * crop.left), top = Math.round(height * crop.top);
    image = image.extract({ left, top, width: Math.round(width * (1 - crop.left - crop.right)), height: Math.round(height * (1 - crop.top - crop.bottom)) });
  }
  if (alteration.mirror) image = image.flop();
  if (alteration.brightness) image = image.modulate({ brightness: alteration.brightness });
  if (alteration.contrast) image = image.linear(alteration.contrast, 128 * (1 - alteration.contrast));
  if (alteration.scale) image = image.resize(Math.round(width * (crop ? 1 - crop.left - crop.right : 1) * alteration.scale));
  return image.jpeg({ quality: alteration.quality ?? 80 }).toBuffer();
}
