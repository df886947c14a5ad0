import sharp from 'sharp';
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
