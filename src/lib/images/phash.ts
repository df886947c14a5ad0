import sharp from './sharp.ts';
import { fingerprintOf, hashToHex, hexDistance, probesOf, wholeHash, type Fingerprint, type GreyImage, type Probes } from '../duplicates/index.ts';

/** A 64-bit perceptual hash as 16 lowercase hex characters. */
export type PerceptualHash = string;

/** Every hash the copy checks need of one photo. */
export interface PhotoHashes {
  /** The whole picture's DCT hash (what a submission photo row keeps as `phash`). */
  phash: PerceptualHash;
  /** What the shared index stores (centre regions). */
  fingerprint: Fingerprint;
  /** What a query tries: the same regions under every crop and mirror a copy may have had. */
  probes: Probes;
}

/**
 * The picture as 8-bit grey, at most 256 px on its long side: plenty for hashes of 32 × 32 samples
 * (a region of half the photo still averages 4 × 4 pixels per sample), and a small decode.
 */
export async function greyThumbnail(image: Uint8Array | string): Promise<GreyImage> {
  const input = typeof image === 'string' ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  const { data, info } = await sharp(input).rotate().greyscale().resize(256, 256, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The hashes of a photo (bytes or a file path). Compute them on the normalized master, so every
 * copy of a photo is hashed the same way; see src/lib/duplicates/fingerprint.ts for why several.
 */
export async function photoHashes(image: Uint8Array | string): Promise<PhotoHashes> {
  const grey = await greyThumbnail(image);
  return { phash: hashToHex(wholeHash(grey)), fingerprint: fingerprintOf(grey), probes: probesOf(grey) };
}

/**
 * Bits that differ between two hashes (0–64). Rough guide: ≤ 6 the same photo, ≥ 12 different
 * photos; the flag thresholds belong to the submission checks, not here.
 */
export function hammingDistance(a: PerceptualHash, b: PerceptualHash): number {
  try {
    return hexDistance(a, b);
  } catch {
    throw new RangeError(`hammingDistance(): both hashes must be 16 lowercase hex characters, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
}
