import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fingerprintToText } from '../duplicates/index.ts';
import { photoHashes } from '../images/phash.ts';
import { renderSyntheticScalp } from '../images/synthetic.ts';
import { fitzpatrickTypes, stages } from '../content/vocabulary.ts';
import type { DemoImage } from './types.ts';

/** Puts the JPEG for a demo photo at `dest` and says what it wrote. */
export interface PhotoSource {
  place(image: DemoImage, dest: string): Promise<PlacedPhoto>;
  /** Distinct images rendered so far, and their bytes (pooled images count once). */
  readonly rendered: { images: number; bytes: number };
  /** Removes any scratch files. */
  dispose(): Promise<void>;
}

/** What was written: the file's sha256 and copy-index fingerprint, and its size. */
export interface PlacedPhoto { sha256: string; fingerprint: string; bytes: number }

/** The hashes case.yaml records of a master. */
async function hashesOf(jpeg: Uint8Array): Promise<{ sha256: string; fingerprint: string }> {
  return { sha256: sha256(jpeg), fingerprint: fingerprintToText((await photoHashes(jpeg)).fingerprint) };
}

/** Master size and JPEG quality (the writer picks 1600×1200 at q60: ~80 photos in about 8 MB). */
export interface PhotoSourceOptions { width: number; height: number; quality: number }

/** Renders every photo from its own seed: distinct images, for the small shipped set. */
export function createRenderedSource(size: PhotoSourceOptions): PhotoSource {
  const rendered = { images: 0, bytes: 0 };
  return {
    rendered,
    async place(image, dest) {
      const jpeg = await renderSyntheticScalp({ ...image, ...size });
      await writeFile(dest, jpeg);
      rendered.images++;
      rendered.bytes += jpeg.length;
      return { ...(await hashesOf(jpeg)), bytes: jpeg.length };
    },
    dispose: async () => {},
  };
}

/**
 * Bulk mode: one image per stage × Fitzpatrick type (30), rendered on first use into `scratch`
 * and hard-linked into each case (copied where links fail), so thousands of cases cost seconds
 * and repeat the same sha256, as content-addressed variants would.
 */
export function createPooledSource(size: PhotoSourceOptions, scratch: string, seed: number): PhotoSource {
  const pool = new Map<string, Promise<PlacedPhoto & { file: string }>>();
  const rendered = { images: 0, bytes: 0 };
  const entry = (image: DemoImage) => {
    const key = `${image.stage}-${image.fitzpatrick}`;
    let found = pool.get(key);
    if (!found) {
      found = (async () => {
        await mkdir(scratch, { recursive: true });
        // The pooled image depends only on the run's seed and its key, never on which photo asked first.
        const index = stages.indexOf(image.stage) * fitzpatrickTypes.length + fitzpatrickTypes.indexOf(image.fitzpatrick);
        const shape = ['hairline', 'top', 'crown'][index % 3];
        const jpeg = await renderSyntheticScalp({ seed: (seed * 1009 + index) >>> 0, stage: image.stage, view: shape, fitzpatrick: image.fitzpatrick, ...size });
        const file = path.join(scratch, `${key}.jpg`);
        await writeFile(file, jpeg);
        rendered.images++;
        rendered.bytes += jpeg.length;
        return { file, ...(await hashesOf(jpeg)), bytes: jpeg.length };
      })();
      pool.set(key, found);
    }
    return found;
  };
  return {
    rendered,
    async place(image, dest) {
      const { file, ...placed } = await entry(image);
      try {
        await link(file, dest);
      } catch {
        await copyFile(file, dest); // other file system, or links not allowed
      }
      return placed;
    },
    dispose: () => rm(scratch, { recursive: true, force: true }),
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
