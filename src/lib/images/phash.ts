import phash from 'sharp-phash';

/** A 64-bit perceptual hash as 16 lowercase hex characters. */
export type PerceptualHash = string;

const hexHash = /^[0-9a-f]{16}$/;

/**
 * Perceptual hash (DCT of a 32×32 greyscale thumbnail, 8×8 low frequencies against their mean):
 * re-encoding, resizing or light edits move a few bits, a different photo about half of them.
 * Compute it on the normalized master so every copy of a photo is hashed the same way.
 */
export async function perceptualHash(image: Uint8Array): Promise<PerceptualHash> {
  const bits = await phash(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  let hex = '';
  for (let i = 0; i < 64; i += 4) hex += Number.parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}

/**
 * Bits that differ between two hashes (0–64). Rough guide: ≤ 6 the same photo, ≥ 12 different
 * photos; the flag thresholds belong to the submission checks, not here.
 */
export function hammingDistance(a: PerceptualHash, b: PerceptualHash): number {
  if (!hexHash.test(a) || !hexHash.test(b)) throw new RangeError(`hammingDistance(): both hashes must be 16 lowercase hex characters, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  let distance = 0;
  for (let i = 0; i < 16; i += 4) {
    let x = Number.parseInt(a.slice(i, i + 4), 16) ^ Number.parseInt(b.slice(i, i + 4), 16);
    while (x) {
      distance += x & 1;
      x >>>= 1;
    }
  }
  return distance;
}
