/**
 * `npm run bench:images`: the variant pipeline against a naive sharp baseline, on synthetic
 * 24-megapixel photos. Prints its figures and whether the targets hold (≥ 4× the baseline's
 * throughput at ≤ 110% of its bytes); it reports, it never fails a build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNaively, writeJpegFromRaw } from '../src/lib/images/bench-support.ts';
import { createVariantStore, defaultRecipe, widthsFor, type MasterRef, type VariantFormat } from '../src/lib/images/index.ts';
import { createRandom } from '../src/lib/demo/random.ts';

// Bump when the generator below changes: cached photos are keyed by it.
const photoVersion = 'v1';
const photoCount = 6;
const [photoWidth, photoHeight] = [6000, 4000]; // 24 MP, a common camera/phone sensor size
const root = fileURLToPath(new URL('..', import.meta.url));
const photoDir = path.join(root, '.bench', 'images', `${photoVersion}-${photoWidth}x${photoHeight}`);
const formats = defaultRecipe.formats.map((f) => f.format);
const extensionOf: Record<string, VariantFormat> = { avif: 'avif', webp: 'webp', jpg: 'jpeg' };

/**
 * A photo-like scalp: skin tone under uneven light (a coarse random field, bilinearly
 * interpolated), dense dark follicle dots of varied size, and sensor grain. The grain and dots
 * keep it from compressing trivially, as a real camera photo would not.
 */
function renderPhoto(seed: number): Uint8Array {
  const random = createRandom(seed).next;
  const [w, h] = [photoWidth, photoHeight];
  const pixels = new Uint8Array(w * h * 3);
  const tone = [214 - seed * 14, 170 - seed * 12, 140 - seed * 11];
  const [gw, gh] = [25, 17];
  const light = Float32Array.from({ length: gw * gh }, () => random());
  for (let y = 0; y < h; y++) {
    const fy = (y / (h - 1)) * (gh - 1), y0 = Math.min(gh - 2, Math.floor(fy)), ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = (x / (w - 1)) * (gw - 1), x0 = Math.min(gw - 2, Math.floor(fx)), tx = fx - x0;
      const top = light[y0 * gw + x0] * (1 - tx) + light[y0 * gw + x0 + 1] * tx;
      const bottom = light[(y0 + 1) * gw + x0] * (1 - tx) + light[(y0 + 1) * gw + x0 + 1] * tx;
      const shade = 0.7 + 0.45 * (top * (1 - ty) + bottom * ty);
      const grain = (random() - 0.5) * 22;
      const i = (y * w + x) * 3;
      pixels[i] = tone[0] * shade + grain;
      pixels[i + 1] = tone[1] * shade + grain * 0.9;
      pixels[i + 2] = tone[2] * shade + grain * 1.1;
    }
  }
  for (let n = (w * h) / 90; n > 0; n--) {
    const cx = random() * w, cy = random() * h, r = 1.2 + random() * 2.2, ink = 0.35 + random() * 0.45;
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
        const d = Math.hypot(x - cx, y - cy) / r;
        if (d >= 1) continue;
        const keep = 1 - ink * (1 - d * d), i = (y * w + x) * 3;
        for (let c = 0; c < 3; c++) pixels[i + c] *= keep;
      }
    }
  }
  return pixels;
}

async function preparePhotos(): Promise<MasterRef[]> {
  await mkdir(photoDir, { recursive: true });
  const masters: MasterRef[] = [];
  for (let i = 1; i <= photoCount; i++) {
    const file = path.join(photoDir, `photo-${i}.jpg`);
    if (!existsSync(file)) {
      process.stdout.write(`generating ${path.relative(root, file)}…\n`);
      await writeJpegFromRaw(renderPhoto(i), photoWidth, photoHeight, file);
    }
    masters.push({ path: file, sha256: createHash('sha256').update(await readFile(file)).digest('hex') });
  }
  return masters;
}

async function bytesByFormat(dir: string): Promise<Record<VariantFormat, number>> {
  const totals = { avif: 0, webp: 0, jpeg: 0 };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const format = extensionOf[path.extname(entry.name).slice(1)];
    if (entry.isFile() && format) totals[format] += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return totals;
}

const sum = (totals: Record<VariantFormat, number>) => Object.values(totals).reduce((a, b) => a + b, 0);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const masters = await preparePhotos();
const cores = os.availableParallelism();

// (a) The project's pipeline: the real store, every core, into a fresh temp dir.
const dir = await mkdtemp(path.join(os.tmpdir(), 'healed-bench-images-'));
let started = performance.now();
const report = await createVariantStore({ dir }).ensure(masters);
const pipelineSeconds = (performance.now() - started) / 1000;
const pipelineBytes = await bytesByFormat(dir);
await rm(dir, { recursive: true, force: true });
if (report.failed.length > 0) console.log('pipeline failures:', report.failed);

// (b) The naive baseline: one decode per output, sharp's defaults, one after another.
const baselineBytes = { avif: 0, webp: 0, jpeg: 0 };
started = performance.now();
for (const master of masters) {
  for (const width of widthsFor(defaultRecipe, photoWidth)) {
    for (const format of formats) baselineBytes[format] += await encodeNaively(master.path, width, format);
  }
}
const baselineSeconds = (performance.now() - started) / 1000;

const speedup = baselineSeconds / pipelineSeconds;
const bytesRatio = sum(pipelineBytes) / sum(baselineBytes);
console.log(`\n${photoCount} photos ${photoWidth}×${photoHeight}, ${cores} cores, widths ${widthsFor(defaultRecipe, photoWidth).join('/')} × ${formats.join('/')}`);
console.log(`pipeline: ${(photoCount / pipelineSeconds).toFixed(2)} photos/s (${pipelineSeconds.toFixed(1)} s), ${mb(sum(pipelineBytes))}  [made ${report.made}]`);
console.log(`baseline: ${(photoCount / baselineSeconds).toFixed(2)} photos/s (${baselineSeconds.toFixed(1)} s), ${mb(sum(baselineBytes))}`);
for (const format of formats) {
  console.log(`  ${format.padEnd(5)} ${mb(pipelineBytes[format])} vs ${mb(baselineBytes[format])} (${((pipelineBytes[format] / baselineBytes[format]) * 100).toFixed(0)}%)`);
}
console.log(`throughput ratio: ${speedup.toFixed(2)}× (target ≥ 4×: ${speedup >= 4 ? 'met' : 'MISSED'})`);
console.log(`bytes ratio: ${(bytesRatio * 100).toFixed(1)}% (target ≤ 110%: ${bytesRatio <= 1.1 ? 'met' : 'MISSED'})`);
