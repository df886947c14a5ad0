import type { Fingerprint, Hash64, Probes } from './types.ts';

/** Text forms of hashes: what case.yaml and the database hold. */

const hex64 = /^[0-9a-f]{16}$/;
/** `<outer>-<inner>`, 16 lowercase hex characters each. */
export const fingerprintPattern = /^[0-9a-f]{16}-[0-9a-f]{16}$/;

/** 16 lowercase hex characters. */
export function hashToHex(hash: Hash64): string {
  return hash.hi.toString(16).padStart(8, '0') + hash.lo.toString(16).padStart(8, '0');
}

export function hexToHash(text: string): Hash64 {
  if (!hex64.test(text)) throw new RangeError(`a 64-bit hash is 16 lowercase hex characters, got ${JSON.stringify(text)}`);
  return { hi: Number.parseInt(text.slice(0, 8), 16), lo: Number.parseInt(text.slice(8), 16) };
}

export function fingerprintToText(fingerprint: Fingerprint): string {
  return `${hashToHex(fingerprint.outer)}-${hashToHex(fingerprint.inner)}`;
}

export function textToFingerprint(text: string): Fingerprint {
  if (!fingerprintPattern.test(text)) throw new RangeError(`a fingerprint is "<16 hex>-<16 hex>", got ${JSON.stringify(text)}`);
  return { outer: hexToHash(text.slice(0, 16)), inner: hexToHash(text.slice(17)) };
}

/** Probes as bytes for a BLOB column (little-endian words). */
export function probesToBytes(probes: Probes): Uint8Array {
  return new Uint8Array(probes.buffer, probes.byteOffset, probes.byteLength).slice();
}

export function bytesToProbes(bytes: Uint8Array): Probes {
  if (bytes.byteLength % 16 !== 0) throw new RangeError(`probes are whole groups of 16 bytes, got ${bytes.byteLength}`);
  return new Uint32Array(new Uint8Array(bytes).buffer);
}

/** Bits that differ between two hex hashes (0–64). */
export function hexDistance(a: string, b: string): number {
  const x = hexToHash(a), y = hexToHash(b);
  let distance = 0;
  for (let v = ((x.hi ^ y.hi) >>> 0); v; v &= v - 1) distance++;
  for (let v = ((x.lo ^ y.lo) >>> 0); v; v &= v - 1) distance++;
  return distance;
}
