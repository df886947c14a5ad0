import type { Fingerprint, GreyImage, Hash64, Probes } from './types.ts';

/**
 * Perceptual fingerprints that survive what copying does to a photo: re-encoding, resizing,
 * brightness and contrast (a DCT hash compares coefficients with their median, so scaling or
 * shifting all pixels changes nothing), mirroring and crops of up to 10 % per side.
 *
 * One 64-bit hash of the whole picture does not survive crops: a crop moves and magnifies every
 * feature. So the index stores hashes of the centre regions, and a query tries each crop it may
 * have suffered: for crop fractions l, r, t, b in {0, 5, 10 %}, the query region that shows what
 * the stored region showed ("forward": the query is the cropped copy) and the one that shows what
 * a cropped stored photo kept ("reverse": the stored photo is the cropped copy), each mirrored or
 * not. The grid step (5 %) leaves at most 2.5 % of misregistration, which the low frequencies
 * (8 × 8 of a 32 × 32 sample) absorb; bench:duplicates measures it.
 */

/** Margins of the two stored regions: 10 % and 25 % off each side. */
const outerMargin = 0.1;
const innerMargin = 0.25;
/** The crop fractions tried per side. */
const cropSteps = [0, 0.05, 0.1];
const sampleSize = 32;
const lowFrequencies = 8;

/** A region of a picture in relative coordinates (0–1). */
interface Region { x0: number; x1: number; y0: number; y1: number }

/** Sums of the picture over [0, x) × [0, y): any box average in four reads. */
interface Integral { sum: Float64Array; width: number; height: number }

function integralOf(image: GreyImage): Integral {
  const { data, width, height } = image;
  const stride = width + 1;
  const sum = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x]!;
      sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1]! + row;
    }
  }
  return { sum, width, height };
}

/** Box-averages a region into 32 × 32 samples (mirrored left to right when asked). */
function sample(integral: Integral, region: Region, mirror: boolean, out: Float64Array): void {
  const { sum, width, height } = integral;
  const stride = width + 1;
  const edge = (from: number, to: number, i: number, size: number) => Math.min(size, Math.max(0, Math.round((from + ((to - from) * i) / sampleSize) * size)));
  for (let j = 0; j < sampleSize; j++) {
    const ya = edge(region.y0, region.y1, j, height);
    const yb = Math.max(ya + 1, edge(region.y0, region.y1, j + 1, height));
    for (let i = 0; i < sampleSize; i++) {
      const xa = edge(region.x0, region.x1, i, width);
      const xb = Math.max(xa + 1, edge(region.x0, region.x1, i + 1, width));
      const total = sum[yb * stride + xb]! - sum[ya * stride + xb]! - sum[yb * stride + xa]! + sum[ya * stride + xa]!;
      out[j * sampleSize + (mirror ? sampleSize - 1 - i : i)] = total / ((xb - xa) * (yb - ya));
    }
  }
}

// cos((2n + 1) k π / 2N) for the 8 lowest non-constant frequencies k = 1…8.
const cosines = Array.from({ length: lowFrequencies }, (_, k) => Float64Array.from({ length: sampleSize }, (_, n) => Math.cos(((2 * n + 1) * (k + 1) * Math.PI) / (2 * sampleSize))));

/** 64 bits: each of the 8 × 8 lowest AC coefficients of the DCT-II, above or below their median. */
function dctHash(samples: Float64Array, rows: Float64Array, coefficients: Float64Array, sorted: Float64Array): Hash64 {
  for (let y = 0; y < sampleSize; y++) {
    for (let u = 0; u < lowFrequencies; u++) {
      const c = cosines[u]!;
      let s = 0;
      for (let x = 0; x < sampleSize; x++) s += samples[y * sampleSize + x]! * c[x]!;
      rows[y * lowFrequencies + u] = s;
    }
  }
  for (let v = 0; v < lowFrequencies; v++) {
    const c = cosines[v]!;
    for (let u = 0; u < lowFrequencies; u++) {
      let s = 0;
      for (let y = 0; y < sampleSize; y++) s += rows[y * lowFrequencies + u]! * c[y]!;
      coefficients[v * lowFrequencies + u] = s;
    }
  }
  sorted.set(coefficients);
  sorted.sort();
  // The median splits the bits 32/32: unrelated photos then differ in ~32 bits, as random ones would.
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hi = 0, lo = 0;
  for (let i = 0; i < 32; i++) if (coefficients[i]! > median) hi |= 1 << i;
  for (let i = 0; i < 32; i++) if (coefficients[32 + i]! > median) lo |= 1 << i;
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Reusable buffers: hashing a photo's probes runs hundreds of DCTs. */
function hasher(image: GreyImage) {
  const integral = integralOf(image);
  const samples = new Float64Array(sampleSize * sampleSize);
  const rows = new Float64Array(sampleSize * lowFrequencies);
  const coefficients = new Float64Array(lowFrequencies * lowFrequencies);
  const sorted = new Float64Array(lowFrequencies * lowFrequencies);
  return (region: Region, mirror = false) => {
    sample(integral, region, mirror, samples);
    return dctHash(samples, rows, coefficients, sorted);
  };
}

const centre = (margin: number): Region => ({ x0: margin, x1: 1 - margin, y0: margin, y1: 1 - margin });

/** The whole picture's hash (the `phash` a submission photo keeps). */
export function wholeHash(image: GreyImage): Hash64 {
  return hasher(image)(centre(0));
}

/** What the index stores of a photo. */
export function fingerprintOf(image: GreyImage): Fingerprint {
  const hash = hasher(image);
  return { outer: hash(centre(outerMargin)), inner: hash(centre(innerMargin)) };
}

/** Where a stored region (margin m) lies in the query, for a query cropped by [a, 1-b] on one axis. */
const forward = (m: number, a: number, b: number): [number, number] => [(m - a) / (1 - a - b), (1 - m - a) / (1 - a - b)];
/** Where a stored photo's region lies in the query, when the stored photo is the query cropped by a, b. */
const reverse = (m: number, a: number, b: number): [number, number] => [a + m * (1 - a - b), 1 - b - m * (1 - a - b)];

/** The crop hypotheses, each as a function from a stored margin to the query region. */
const hypotheses: ((m: number) => Region)[] = (() => {
  const list: ((m: number) => Region)[] = [];
  for (const l of cropSteps) for (const r of cropSteps) for (const t of cropSteps) for (const b of cropSteps) {
    list.push((m) => { const [x0, x1] = forward(m, l, r); const [y0, y1] = forward(m, t, b); return { x0, x1, y0, y1 }; });
    // With no crop at all the two directions coincide.
    if (l + r + t + b > 0) list.push((m) => { const [x0, x1] = reverse(m, l, r); const [y0, y1] = reverse(m, t, b); return { x0, x1, y0, y1 }; });
  }
  return list;
})();

/** How many (outer, inner) pairs `probesOf` gives: every crop hypothesis, mirrored and not. */
export const probeCount = hypotheses.length * 2;

/** The query side: for every crop hypothesis and mirror, the outer and inner hashes, as 4 words each. */
export function probesOf(image: GreyImage): Probes {
  const hash = hasher(image);
  const probes = new Uint32Array(probeCount * 4);
  let i = 0;
  for (const mirror of [false, true]) {
    for (const region of hypotheses) {
      const outer = hash(region(outerMargin), mirror);
      const inner = hash(region(innerMargin), mirror);
      probes[i++] = outer.hi; probes[i++] = outer.lo; probes[i++] = inner.hi; probes[i++] = inner.lo;
    }
  }
  return probes;
}
