/**
 * Copies: perceptual fingerprints that survive re-encoding, resizing, crops of up to 10 % per side,
 * brightness/contrast and mirroring, and one multi-index-hashing index of them shared by every
 * check. Pure: `src/lib/images` decodes photos into the grey pictures hashed here.
 */
export type { CopyMatch, Fingerprint, GreyImage, Hash64, Probes } from './types.ts';
export { fingerprintOf, probeCount, probesOf, wholeHash } from './fingerprint.ts';
export { HashIndex, maxOuterDistance, type MatchLimits } from './hash-index.ts';
export { CopyIndex, copyLimits } from './copy-index.ts';
export { bytesToProbes, fingerprintPattern, fingerprintToText, hashToHex, hexDistance, hexToHash, probesToBytes, textToFingerprint } from './codec.ts';
export { CopyLibrary, type PhotoRef, type PublishedCaseSource } from './library.ts';
