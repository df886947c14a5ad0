import { createHash } from 'node:crypto';
import os from 'node:os';
import sharp, { type Metadata } from './sharp.ts';
import { readExifCaptureDate } from './exif-date.ts';
import { createGate } from './gate.ts';
import { fileTooLarge, IngestError, refusedType, undecodableImage } from './ingest-error.ts';
import { photoHashes, type PerceptualHash } from './phash.ts';
import type { Fingerprint, Probes } from '../duplicates/index.ts';
import type { PhotoEvidence } from '../evidence/index.ts';
import { defaultEvidenceAssessor, type EvidenceAssessor } from '../evidence/node.ts';
import { sniffImageType, type AcceptedFormat } from './sniff.ts';

/** Limits and sizes of ingest; every field has a default (`ingestDefaults`). */
export interface IngestOptions {
  /** Largest original accepted, in bytes. Storage enforces it while streaming; this re-checks. */
  maxBytes?: number;
  /** Largest image accepted, in pixels, read from the header before anything is decoded. */
  maxPixels?: number;
  /** Smallest short side accepted (after orientation), in pixels. */
  minShortSide?: number;
  /** Long edge of the normalized master, in pixels (smaller photos are not enlarged). */
  masterLongEdge?: number;
  /** Long edge of the preview shown while the practitioner edits the draft. */
  previewLongEdge?: number;
  /** "Now" for the capture-date plausibility check (tests pin it). */
  now?: Date;
  /** Reads the original's evidence (Content Credentials, editing signs); default: `defaultEvidenceAssessor()`. */
  evidence?: EvidenceAssessor;
}

type IngestLimits = Required<Omit<IngestOptions, 'now' | 'evidence'>>;

/** Defaults: 25 MiB is a 48 MP phone JPEG with room to spare; 60 MP is above any phone sensor. */
export const ingestDefaults: Readonly<IngestLimits> = {
  maxBytes: 25 * 1024 * 1024,
  maxPixels: 60_000_000,
  // 800 px is the smallest short side on which healed pigment dots can still be judged.
  minShortSide: 800,
  masterLongEdge: 2400,
  previewLongEdge: 480,
};

/** A photo that passed ingest: a clean master to keep, and what was learned from the original. */
export interface IngestedPhoto {
  /** SHA-256 of the original bytes as uploaded (finds re-uploads of the same file). */
  originalSha256: string;
  /** SHA-256 of `master` (the content address of its variants once published). */
  masterSha256: string;
  /** Normalized master: oriented, sRGB JPEG, no metadata at all, long edge ≤ `masterLongEdge`. */
  master: Uint8Array;
  /** Small WebP of the master for the submission UI. */
  preview: Uint8Array;
  /** Master width in pixels. */
  width: number;
  /** Master height in pixels. */
  height: number;
  /** Original width once oriented (what the low-resolution check looks at). */
  originalWidth: number;
  /** Original height once oriented. */
  originalHeight: number;
  /** Format of the original as sniffed from its bytes. */
  format: AcceptedFormat;
  /** Capture moment from the original's EXIF; undefined when absent or implausible. */
  capturedAt?: Date;
  /** Capture day on the camera's clock, `YYYY-MM-DD`, with `capturedAt`. */
  capturedDay?: string;
  /** True exactly when `capturedAt` is set: the date can be called verified. */
  exifDateFound: boolean;
  /** An EXIF date that was present but refused (before 2000, in the future, unparseable). */
  ignoredExifDate?: string;
  /** 64-bit perceptual hash of the whole master, 16 hex characters (see `hammingDistance`). */
  phash: PerceptualHash;
  /** What the copy index stores of the master (see src/lib/duplicates). */
  fingerprint: Fingerprint;
  /** What a copy check of this photo queries the index with. */
  probes: Probes;
  /** How we know when it was taken and that it is unedited, read from the original. */
  evidence: PhotoEvidence;
}

/**
 * The photo to ingest: its bytes, or a loader (e.g. `() => storage.readOriginal(key)`) that ingest
 * calls only when a decode slot is free, so uploads waiting their turn hold nothing in memory.
 */
export type IngestSource = Uint8Array | (() => Promise<Uint8Array>);

// Decoding is where memory goes (tens of MB per photo even with shrink-on-load): only as many
// photos decode at once as there are cores; the rest wait holding at most their compressed bytes.
const decodeGate = createGate(os.availableParallelism());

/**
 * Turns untrusted upload bytes into a publishable master, or throws an `IngestError` saying what to
 * do. Order matters: cheap checks on the bytes and the header come before any pixel is decoded.
 */
export async function ingestPhoto(source: IngestSource, options: IngestOptions = {}): Promise<IngestedPhoto> {
  const { evidence = defaultEvidenceAssessor(), ...rest } = options;
  const limits = { ...ingestDefaults, ...rest };
  // Evidence is read from the original while it decodes: the C2PA reader has its own thread.
  const withEvidence = async (bytes: Uint8Array, inspected: Inspection) => {
    const [photo, found] = await Promise.all([
      transform(bytes, inspected, limits),
      evidence.assess(bytes, { mime: mimeTypes[inspected.format], exifCapturedDay: inspected.exif.capturedDay, exifBlock: inspected.header.exif }),
    ]);
    return { ...photo, evidence: found };
  };
  if (typeof source === 'function') {
    return decodeGate.run(async () => {
      const bytes = await source();
      return withEvidence(bytes, await inspect(bytes, limits));
    });
  }
  const inspected = await inspect(source, limits);
  return decodeGate.run(() => withEvidence(source, inspected));
}

const mimeTypes: Record<AcceptedFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

type Inspection = Awaited<ReturnType<typeof inspect>>;

/** Every check that needs no decoding: size, real type, header, EXIF date, hash of the original. */
async function inspect(bytes: Uint8Array, limits: IngestLimits & { now?: Date }) {
  if (bytes.length === 0) throw new IngestError(400, 'empty-file', 'The file is empty (0 bytes).', 'Choose the photo again and re-upload it; the upload may have been interrupted.');
  if (bytes.length > limits.maxBytes) throw fileTooLarge(bytes.length, limits.maxBytes);
  const sniffed = await sniffImageType(bytes);
  if (!sniffed.accepted) throw refusedType(sniffed.kind, sniffed.what);
  const header = await checkHeader(asBuffer(bytes), sniffed.format, limits);
  const exif = await readExifCaptureDate(bytes, limits.now ?? new Date(), header.exif);
  return { format: sniffed.format, header, exif, originalSha256: sha256(bytes) };
}

/** Decodes once into the master, then makes the preview and the perceptual hash from the master. */
async function transform(bytes: Uint8Array, { format, header, exif, originalSha256 }: Inspection, limits: IngestLimits): Promise<Omit<IngestedPhoto, 'evidence'>> {
  const master = await encodeMaster(asBuffer(bytes), header.hasAlpha, limits.masterLongEdge, limits.maxPixels);
  const [preview, hashes] = await Promise.all([
    sharp(master.data).resize({ width: limits.previewLongEdge, height: limits.previewLongEdge, fit: 'inside', withoutEnlargement: true }).webp({ quality: 72 }).toBuffer(),
    photoHashes(master.data),
  ]);
  return {
    originalSha256,
    masterSha256: sha256(master.data),
    master: master.data,
    preview,
    width: master.info.width,
    height: master.info.height,
    originalWidth: header.width,
    originalHeight: header.height,
    format,
    ...(exif.capturedAt ? { capturedAt: exif.capturedAt, capturedDay: exif.capturedDay } : {}),
    exifDateFound: exif.capturedAt !== undefined,
    ...(exif.ignored ? { ignoredExifDate: exif.ignored } : {}),
    ...hashes,
  };
}

/** A view, not a copy: the original stays the caller's single copy in memory. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The options every sharp instance of ingest gets: a pixel ceiling and no tolerance for truncation. */
const decodeOptions = (maxPixels: number) => ({ limitInputPixels: maxPixels, failOn: 'truncated' as const });

/** What sharp calls each accepted format (AVIF lives in a HEIF container). */
const sharpFormats: Record<AcceptedFormat, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'heif' };

/** Reads only the header: pixel count, frames and size after orientation, before any decoding. */
async function checkHeader(input: Buffer, format: AcceptedFormat, limits: IngestLimits): Promise<{ width: number; height: number; hasAlpha: boolean; exif?: Buffer }> {
  let meta: Metadata;
  try {
    // No pixel limit here: the header's own numbers are checked below, with a clearer message.
    meta = await sharp(input, { limitInputPixels: false, failOn: 'truncated' }).metadata();
  } catch (error) {
    throw undecodableImage(error);
  }
  if (meta.format !== sharpFormats[format] || (format === 'avif' && meta.compression !== 'av1')) {
    // The magic number and the decoder disagree (or an AVIF-branded HEVC file): refuse, don't guess.
    throw refusedType('other', `a file that starts like ${format.toUpperCase()} but decodes as ${[meta.format ?? 'unknown', meta.compression].filter(Boolean).join('/')}`);
  }
  const pages = meta.pages ?? 1;
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxPixels) {
    throw new IngestError(413, 'too-many-pixels', `The image is ${meta.width} × ${meta.height} px (${megapixels(pixels)} MP); the limit is ${megapixels(limits.maxPixels)} MP.`, 'Export the photo at a smaller size (any phone photo fits) and upload again.');
  }
  if (pages > 1) throw new IngestError(422, 'animated-image', `The file is an animation of ${pages} frames, not a photo.`, 'Upload a single still photo (JPEG, PNG, WebP or AVIF).');
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw undecodableImage(new Error('the header has no dimensions'));
  if (Math.min(width, height) < limits.minShortSide) {
    throw new IngestError(422, 'image-too-small', `The photo is ${width} × ${height} px; its short side must be at least ${limits.minShortSide} px.`, `Upload the original photo from the camera or phone (not a thumbnail or a screenshot), at least ${limits.minShortSide} px on its short side.`);
  }
  return { width, height, hasAlpha: meta.hasAlpha === true, exif: meta.exif };
}

/**
 * Decodes, orients, shrinks and re-encodes. Only decoded pixels reach the encoder, so nothing the
 * file carried besides its image survives: no EXIF, GPS, XMP, ICC profile (converted to sRGB),
 * thumbnail, nor whatever follows the image data (a motion photo's video, an appended zip).
 */
async function encodeMaster(input: Buffer, hasAlpha: boolean, longEdge: number, maxPixels: number) {
  try {
    // The resize inside the pipeline lets libjpeg shrink while loading (a 6000 px photo decodes at
    // 3000 px), so the full-size bitmap never exists in memory.
    let image = sharp(input, decodeOptions(maxPixels))
      .rotate()
      .resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true });
    // Photos need no transparency and JPEG has none: flatten on white rather than on black.
    if (hasAlpha) image = image.flatten({ background: '#ffffff' });
    // q88 with 4:2:0 chroma: visually lossless on photos, and the layout every decoder handles fastest.
    return await image.toColourspace('srgb').jpeg({ quality: 88, chromaSubsampling: '4:2:0' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw undecodableImage(error);
  }
}

function megapixels(pixels: number): string {
  return (pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
