import { createHash } from 'node:crypto';
import os from 'node:os';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  hammingDistance, ingestPhoto, IngestError, parseExifDateTime, type IngestedPhoto, type IngestErrorCode, type IngestSource, type IngestStatus,
} from '../../src/lib/images/index.ts';
import { createGate } from '../../src/lib/images/gate.ts';
import { avif, hostile, jpeg, mp4Trailer, png, webp, zipTrailer, type HostileFile } from '../factories/photos.ts';

// Real sharp, real exifr, real file-type: only the photos are small (and made on the fly).
const now = new Date('2026-01-15T12:00:00Z');
const ingest = (source: IngestSource, options = {}) => ingestPhoto(source, { now, ...options });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text);

async function refusal(bytes: Uint8Array, options = {}): Promise<IngestError> {
  let result: IngestedPhoto | undefined;
  try {
    result = await ingest(bytes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error(`expected a refusal, got a ${result.width}×${result.height} master`);
}

describe('ingestPhoto refuses hostile files with a clear 4xx', { timeout: 30_000 }, () => {
  const table: [string, () => HostileFile | Promise<HostileFile>, IngestStatus, IngestErrorCode, RegExp][] = [
    ['zero bytes', hostile.zeroBytes, 400, 'empty-file', /empty/],
    ['a truncated JPEG', hostile.truncatedJpeg, 422, 'undecodable-image', /incomplete/],
    ['HTML named .jpg', hostile.htmlNamedJpg, 415, 'unsupported-type', /HTML page/],
    ['an SVG with a script', hostile.svgWithScript, 415, 'unsupported-type', /SVG/],
    ['a 30000×30000 PNG bomb', hostile.hugePng, 413, 'too-many-pixels', /30000 × 30000 px \(900 MP\); the limit is 60 MP/],
    ['an animated GIF', hostile.animatedGif, 415, 'unsupported-type', /GIF/],
    ['an animated WebP', hostile.animatedWebp, 422, 'animated-image', /animation of 2 frames/],
    ['a PDF named .jpg', hostile.pdf, 415, 'unsupported-type', /PDF/],
  ];
  for (const [name, make, status, code, message] of table) {
    it(`${name} → ${status} ${code}`, async () => {
      const error = await refusal((await make()).bytes);
      expect({ status: error.status, code: error.code }).toEqual({ status, code });
      expect(error.message).toMatch(message);
      expect(error.hint.length).toBeGreaterThan(10);
    });
  }

  it('HEIC → 415 telling how to export JPEG from an iPhone', async () => {
    const error = await refusal(hostile.heic().bytes);
    expect([error.status, error.code]).toEqual([415, 'heic-not-supported']);
    expect(error.hint).toContain('Export the photo as JPEG (iPhone: Settings › Camera › Formats › Most Compatible) and upload again');
  });

  it('refuses the pixel bomb from its header, without decoding', async () => {
    const started = performance.now();
    await refusal(hostile.hugePng().bytes);
    // Decoding 900 MP would take many seconds and gigabytes; reading the header takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a file over maxBytes → 413 file-too-large', async () => {
    const error = await refusal(await jpeg({ width: 1000, height: 800 }), { maxBytes: 10_000 });
    expect([error.status, error.code]).toEqual([413, 'file-too-large']);
  });
});

describe('ingestPhoto normalizes a photo into a clean master', { timeout: 30_000 }, () => {
  it('accepts a GPS-tagged JPEG; neither master nor preview keeps EXIF, XMP or GPS', async () => {
    const original = await jpeg({ width: 1600, height: 1200, gps: true, exifDate: '2025:06:01 09:00:00' });
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(51.507, 2);
    expect(has(original, 'GPS') && has(original, 'Exif') && has(original, 'HealedTestCam')).toBe(true);

    const photo = await ingest(original);
    for (const [name, bytes] of [['master', photo.master], ['preview', photo.preview]] as const) {
      const meta = await sharp(bytes).metadata();
      expect({ name, exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc }).toEqual({ name, exif: undefined, xmp: undefined, iptc: undefined, icc: undefined });
      for (const text of ['GPS', 'Exif', 'http://ns.adobe.com', 'HealedTestCam', 'SN-12345678']) expect(has(bytes, text), `${name} contains ${text}`).toBe(false);
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeFalsy();
    }
    expect(photo.originalSha256).toBe(sha256(original));
    expect(photo.masterSha256).toBe(sha256(photo.master));
  });

  for (const [kind, trailer] of [['motion-photo MP4', mp4Trailer('HEALED-TRAILER-MARKER')], ['appended zip', zipTrailer('HEALED-TRAILER-MARKER')]] as const) {
    it(`accepts a JPEG with a ${kind} after the image; the trailer never reaches master or preview`, async () => {
      const original = await jpeg({ width: 1200, height: 900, trailer });
      expect(trailer.length).toBeGreaterThanOrEqual(200 * 1024);
      expect(has(original, 'HEALED-TRAILER-MARKER')).toBe(true);
      const photo = await ingest(original);
      expect(has(photo.master, 'HEALED-TRAILER-MARKER')).toBe(false);
      expect(has(photo.preview, 'HEALED-TRAILER-MARKER')).toBe(false);
      expect(photo.master.length).toBeLessThan(original.length - trailer.length);
      // The original's hash covers every byte uploaded, trailer included.
      expect(photo.originalSha256).toBe(sha256(original));
    });
  }

  it('applies EXIF orientation 6: width and height swap', async () => {
    const photo = await ingest(await jpeg({ width: 1200, height: 900, orientation: 6 }));
    expect([photo.width, photo.height, photo.originalWidth, photo.originalHeight]).toEqual([900, 1200, 900, 1200]);
    expect((await sharp(photo.master).metadata()).orientation).toBeUndefined();
  });

  it('writes a ≤ 2400 px sRGB 4:2:0 JPEG master and a 480 px WebP preview', async () => {
    const photo = await ingest(await jpeg({ width: 3000, height: 2000 }));
    expect([photo.width, photo.height, photo.originalWidth, photo.originalHeight, photo.format]).toEqual([2400, 1600, 3000, 2000, 'jpeg']);
    const master = await sharp(photo.master).metadata();
    expect([master.format, master.width, master.height, master.space, master.chromaSubsampling]).toEqual(['jpeg', 2400, 1600, 'srgb', '4:2:0']);
    const preview = await sharp(photo.preview).metadata();
    expect([preview.format, preview.width, preview.height]).toEqual(['webp', 480, 320]);
  });

  it('never enlarges a small master', async () => {
    const photo = await ingest(await jpeg({ width: 1000, height: 800 }));
    expect([photo.width, photo.height]).toEqual([1000, 800]);
  });

  it('refuses a short side of 799 px (422, naming the minimum) and accepts 800 px', async () => {
    const error = await refusal(await jpeg({ width: 1000, height: 799 }));
    expect([error.status, error.code]).toEqual([422, 'image-too-small']);
    expect(error.message).toContain('at least 800 px');
    const photo = await ingest(await jpeg({ width: 1000, height: 800 }));
    expect(photo.height).toBe(800);
  });

  it('accepts PNG (alpha flattened on white), WebP and AVIF, always writing a JPEG master', async () => {
    for (const [format, bytes] of [['png', await png({ width: 1000, height: 900, alpha: true })], ['webp', await webp({ width: 1000, height: 900 })], ['avif', await avif({ width: 1000, height: 900 })]] as const) {
      const photo = await ingest(bytes);
      expect(photo.format).toBe(format);
      const meta = await sharp(photo.master).metadata();
      expect([meta.format, meta.hasAlpha, meta.width]).toEqual(['jpeg', false, 1000]);
    }
  });
});

describe('capture date from EXIF', { timeout: 30_000 }, () => {
  it('reads DateTimeOriginal with its offset as an exact moment', async () => {
    const photo = await ingest(await jpeg({ width: 1000, height: 800, exifDate: '2024:05:01 10:20:30', exifOffset: '+02:00' }));
    expect(photo.capturedAt?.toISOString()).toBe('2024-05-01T08:20:30.000Z');
    expect(photo.capturedDay).toBe('2024-05-01');
    expect(photo.exifDateFound).toBe(true);
  });

  it('reads DateTimeOriginal without an offset as the wall-clock day (in UTC)', async () => {
    const photo = await ingest(await jpeg({ width: 1000, height: 800, exifDate: '2024:05:01 23:30:00' }));
    expect(photo.capturedAt?.toISOString()).toBe('2024-05-01T23:30:00.000Z');
    expect(photo.capturedDay).toBe('2024-05-01');
  });

  it('falls back to CreateDate when DateTimeOriginal is missing', async () => {
    const photo = await ingest(await jpeg({ width: 1000, height: 800, createDate: '2023:02:03 04:05:06' }));
    expect(photo.capturedAt?.toISOString()).toBe('2023-02-03T04:05:06.000Z');
  });

  it('reads the date of a WebP through the EXIF block the decoder found', async () => {
    const photo = await ingest(await webp({ width: 1000, height: 800, exifDate: '2022:07:08 09:10:11' }));
    expect(photo.capturedDay).toBe('2022-07-08');
  });

  it('leaves the date undefined when the file has none', async () => {
    const photo = await ingest(await jpeg({ width: 1000, height: 800 }));
    expect(photo.capturedAt).toBeUndefined();
    expect(photo.exifDateFound).toBe(false);
    expect(photo.ignoredExifDate).toBeUndefined();
  });

  it('ignores dates before 2000 and far in the future, saying what it ignored', async () => {
    for (const exifDate of ['1999:12:31 10:00:00', '2026:03:01 10:00:00']) {
      const photo = await ingest(await jpeg({ width: 1000, height: 800, exifDate }));
      expect([photo.capturedAt, photo.exifDateFound, photo.ignoredExifDate]).toEqual([undefined, false, exifDate]);
    }
  });

  it('parses EXIF date strings strictly', () => {
    expect(parseExifDateTime('2024:02:30 10:00:00')).toBeUndefined();
    expect(parseExifDateTime('0000:00:00 00:00:00')).toBeUndefined();
    expect(parseExifDateTime('2024:02:29 10:00:00', '-05:30')?.capturedAt.toISOString()).toBe('2024-02-29T15:30:00.000Z');
  });
});

describe('memory: ingest decodes a bounded number of photos at once', { timeout: 30_000 }, () => {
  it('takes a loader and calls it only when a decode slot is free', async () => {
    const bytes = await jpeg({ width: 1000, height: 800 });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return bytes;
    };
    const pending = Promise.all(Array.from({ length: 6 }, () => ingest(loader)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Six uploads queued, but only one per core has loaded its bytes; the others hold nothing yet.
    expect(calls).toBe(Math.min(6, os.availableParallelism()));
    expect((await pending).map((p) => p.width)).toEqual(Array(6).fill(1000));
    expect(calls).toBe(6);
    await expect(ingest(async () => hostile.heic().bytes)).rejects.toMatchObject({ status: 415, code: 'heic-not-supported' });
  });

  it('the gate runs at most its size at once, in order, and survives failures', async () => {
    const gate = createGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => gate.run(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      order.push(i);
      if (i === 1) throw new Error('boom');
      return i;
    });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(task));
    expect(most).toBe(2);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('perceptual hash', { timeout: 30_000 }, () => {
  it('is 16 hex chars, close for the same picture re-encoded, far for a different one', async () => {
    const a = await ingest(await jpeg({ width: 3000, height: 2000, seed: 11, quality: 95 }));
    const again = await ingest(await jpeg({ width: 1500, height: 1000, seed: 11, quality: 55 }));
    const other = await ingest(await jpeg({ width: 3000, height: 2000, seed: 12, quality: 95 }));
    expect(a.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a.phash, again.phash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(a.phash, other.phash)).toBeGreaterThan(12);
  });

  it('counts differing bits and refuses malformed hashes', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('00000000000000f0', '0000000000000010')).toBe(3);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(RangeError);
  });
});

describe('evidence and copy hashes at ingest', { timeout: 30_000 }, () => {
  it('reads the evidence from the original (before its metadata is stripped) and fingerprints the master', async () => {
    const camera = await ingest(await jpeg({ width: 1600, height: 1200, seed: 21, exifDate: '2025:05:01 10:00:00' }));
    expect(camera.evidence).toMatchObject({ level: 'camera-original', credentials: 'none' });
    const edited = await ingest(await jpeg({ width: 1600, height: 1200, seed: 22, exifDate: '2025:05:01 10:00:00', software: 'Snapseed 2.0' }));
    expect(edited.evidence).toMatchObject({ level: 'edited', tool: 'Snapseed' });
    const plain = await ingest(await jpeg({ width: 1600, height: 1200, seed: 23 }));
    expect(plain.evidence.level).toBe('declared');
    expect(camera.fingerprint.outer).toEqual({ hi: expect.any(Number), lo: expect.any(Number) });
    expect(camera.probes.length).toBe(322 * 4);
  });
});
