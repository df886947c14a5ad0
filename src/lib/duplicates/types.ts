/**
 * The copies port: perceptual fingerprints of photos and one index of them, shared by every check
 * (submitted photos and published ones alike).
 */

/** A greyscale picture, row by row, one byte per pixel (what `images` decodes for hashing). */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

/**
 * What the index keeps of a photo: DCT hashes of two centre regions (80 % and 50 % of each side).
 * Both must be close for a match, so a chance near-miss on one 64-bit hash is not a copy.
 */
export interface Fingerprint {
  outer: Hash64;
  inner: Hash64;
}

/** The same two hashes for every crop and mirror a copy might have gone through (see `probesOf`). */
export type Probes = Uint32Array;

/** A photo found in the index near a query. */
export interface CopyMatch {
  /** Who the photo is, as the caller registered it (e.g. `photo:<id>`, `published:<case>/<file>`). */
  ref: string;
  /** Differing bits of the outer hash (0–64), at the best-matching crop. */
  distance: number;
}
