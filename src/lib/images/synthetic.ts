import sharp from './sharp.ts';
import { createRandom } from '../demo/random.ts';

/** A stage of a photo, as in ARCHITECTURE.md (kept local so images does not depend on content). */
export type SyntheticStage = 'before' | 'fresh' | 'settling' | 'healed' | 'long-term';

/** What `renderSyntheticScalp` draws. Same options → byte-identical JPEG. */
export interface SyntheticScalpOptions {
  /** Seeds every random choice: layout, dots, grain. */
  seed: number;
  /** How the pigment looks: sparse stubble before, dark and crisp fresh, soft and even healed. */
  stage: SyntheticStage;
  /** Part of the head (`hairline`, `top`, `crown`, `left`, `right`, `donor`, `scar`, `other`). */
  view: string;
  /** Fitzpatrick skin type I–VI: picks the skin tone. */
  fitzpatrick: string;
  /** Output size in pixels. */
  width: number;
  height: number;
  /** JPEG quality 1–100 (default 70). */
  quality?: number;
}

/** Typical skin tones per Fitzpatrick type (sRGB). */
const skinTones: Record<string, [number, number, number]> = {
  I: [242, 212, 192], II: [226, 186, 156], III: [203, 156, 120],
  IV: [168, 118, 84], V: [122, 82, 57], VI: [82, 56, 41],
};

/** Per stage: dot density (0–1), ink strength, dot radius, blur of the ink, ink colour, redness. */
const looks: Record<SyntheticStage, { density: number; ink: number; radius: number; blur: number; color: [number, number, number]; red: number }> = {
  before: { density: 0.5, ink: 0.8, radius: 1.3, blur: 0.45, color: [28, 22, 20], red: 0 },
  fresh: { density: 1, ink: 0.95, radius: 2.1, blur: 0.4, color: [22, 20, 22], red: 0.09 },
  settling: { density: 1, ink: 0.8, radius: 2.2, blur: 0.85, color: [34, 32, 36], red: 0.04 },
  healed: { density: 1, ink: 0.62, radius: 2.1, blur: 1.15, color: [50, 50, 56], red: 0 },
  'long-term': { density: 1, ink: 0.54, radius: 2.1, blur: 1.35, color: [58, 60, 68], red: 0 },
};

/** Renders a plausible, fully synthetic scalp photo (no fonts, no network) as a JPEG. */
export async function renderSyntheticScalp(options: SyntheticScalpOptions): Promise<Buffer> {
  const { width: w, height: h, stage } = options;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 8 || h < 8 || w * h > 40_000_000) {
    throw new RangeError(`renderSyntheticScalp: size ${w}×${h} must be whole pixels between 8×8 and 40 MP`);
  }
  const look = looks[stage];
  if (!look) throw new RangeError(`renderSyntheticScalp: unknown stage ${JSON.stringify(stage)}`);
  const random = createRandom(options.seed >>> 0).next;
  const skin = skinTones[options.fitzpatrick] ?? skinTones.III;
  const frame = layout(options.view, random, w, h);

  // 1. Ink: dots on a jittered grid (how SMP is laid down), blurred by how far healing has gone.
  const ink = new Uint8Array(w * h);
  const spacing = 10.5 * frame.scale;
  const patches = valueNoise(random, w, h, 170 * frame.scale);
  for (let gy = spacing / 2; gy < h; gy += spacing) {
    for (let gx = spacing / 2; gx < w; gx += spacing) {
      const x = gx + (random() - 0.5) * spacing * 0.9;
      const y = gy + (random() - 0.5) * spacing * 0.9;
      const keep = random();
      const strength = look.ink * (0.8 + random() * 0.3);
      const r = look.radius * frame.scale * (0.75 + random() * 0.5);
      const col = Math.min(w - 1, Math.max(0, Math.round(x)));
      if (frame.inside(x, y) > 0.9) continue;
      let density = look.density * frame.pigmented(col, y) * (1 - 0.6 * frame.scar(col, y));
      // Before treatment, hair loss is patchy: large bald areas with thin stubble between.
      if (stage === 'before') density *= smoothstep(0.35, 0.75, patches.at(x, y));
      if (keep < density) stamp(ink, w, h, x, y, r, strength);
    }
  }
  // sharp turns one-channel input into sRGB unless told otherwise, hence the explicit `b-w`.
  const softInk = await sharp(ink, { raw: { width: w, height: h, channels: 1 } })
    .blur(Math.max(0.3, look.blur * frame.scale))
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  if (softInk.length !== w * h) throw new Error('renderSyntheticScalp: ink layer came back with more than one channel');

  // 2. Photo: backdrop, domed head lit from one side with a shiny highlight, skin texture, grain.
  const blotches = valueNoise(random, w, h, 140 * frame.scale);
  const poreSigma = Math.max(0.5, 4 * frame.scale);
  const pores = await blurredNoise(random, w, h, poreSigma);
  // Pigment reads darker on darker skin: scale the ink colour with the skin's lightness.
  const inkTone = look.color.map((v) => v * Math.min(1, (skin[0] + skin[1] + skin[2]) / 540));
  const light = { x: w * (0.2 + random() * 0.6), y: h * (0.15 + random() * 0.25) };
  const shine = 0.16 + random() * 0.12;
  // Per-column terms, computed once: the pixel loop below runs millions of times.
  const glowX = Float32Array.from({ length: w }, (_, x) => Math.exp(-((x - light.x) ** 2) / (w * w * 0.02)));
  const headX = Float32Array.from({ length: w }, (_, x) => ((x - frame.head.cx) / frame.head.rx) ** 2);
  const litX = Float32Array.from({ length: w }, (_, x) => Math.abs(x - light.x) / w);
  const grainTable = Float32Array.from({ length: 1 << 16 }, () => (random() + random() - 1) * 4);
  const textureRow = new Float32Array(w);
  // Uniform noise (spread ~74 levels) blurred by σ keeps a spread of ~74 / (3.5 σ): scale that back
  // to ±2.5% of the skin tone per spread, whatever the image size.
  const poreGain = (0.025 * 3.5 * poreSigma) / 74;
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0, i = 0; y < h; y++) {
    const glowY = shine * Math.exp(-((y - light.y) ** 2) / (w * w * 0.02));
    const headY = ((y - frame.head.cy) / frame.head.ry) ** 2;
    const litY = Math.abs(y - light.y) / h;
    const backdrop = 196 - (y / h) * 30;
    const grainStart = Math.floor(random() * 65536);
    blotches.fillRow(y, textureRow);
    for (let x = 0; x < w; x++, i++) {
      const d = headX[x] + headY;
      const headMask = smoothstep(1.02, 0.98, d);
      const back = 1 - headMask;
      const dome = d < 1 ? Math.sqrt(1 - d) : 0;
      const lit = 1 - 0.132 * (litX[x] + litY);
      const shade = (0.62 + 0.38 * dome) * lit * (0.96 + 0.08 * textureRow[x]) * (1 + (pores[i] - 128) * poreGain);
      const glow = glowX[x] * glowY * dome;
      const scar = frame.scar(x, y);
      const red = look.red * frame.pigmented(x, y) + scar * 0.05;
      const a = softInk[i] / 255;
      const grain = grainTable[(grainStart + x) & 0xffff];
      // Skin with redness, lifted toward white by the shine, then darkened by the ink on top.
      const r = skin[0] * shade * (1 + red) + scar * 26;
      const g = skin[1] * shade * (1 - red * 0.6) + scar * 26;
      const b = skin[2] * shade * (1 - red * 0.6) + scar * 26;
      rgb[i * 3] = clampByte(backdrop * back + ((r + (255 - r) * glow) * (1 - a) + inkTone[0] * lit * a) * headMask + grain);
      rgb[i * 3 + 1] = clampByte((backdrop + 6) * back + ((g + (255 - g) * glow) * (1 - a) + inkTone[1] * lit * a) * headMask + grain);
      rgb[i * 3 + 2] = clampByte((backdrop + 12) * back + ((b + (255 - b) * glow) * (1 - a) + inkTone[2] * lit * a) * headMask + grain);
    }
  }
  return sharp(rgb, { raw: { width: w, height: h, channels: 3 } })
    .blur(0.7 * Math.max(frame.scale, 0.6))
    .jpeg({ quality: options.quality ?? 70, mozjpeg: true })
    .toBuffer();
}

/**
 * Where the head sits for a view, where pigment goes (0–1) and where the scar runs (0–1).
 * Edges are precomputed per column so the per-pixel loop stays cheap.
 */
function layout(view: string, random: () => number, w: number, h: number) {
  const scale = Math.min(w / 1600, h / 1200);
  const front = view === 'hairline';
  const cx = w * (0.5 + (random() - 0.5) * 0.08), cy = h * (front ? 0.98 : 0.6 + (random() - 0.5) * 0.06);
  const rx = w * (front ? 0.5 + random() * 0.06 : 0.42 + random() * 0.06), ry = h * (front ? 0.92 : 0.62);
  const base = h * (0.5 + random() * 0.08);
  const scarY = h * (0.55 + (random() - 0.5) * 0.1);
  const ramp = 16 * scale;
  // Lowest y that still carries pigment, per column: an M-shaped hairline from the front (the
  // temples recede), a sloping sideburn line from the sides, the whole scalp otherwise.
  const edge = Float32Array.from({ length: w }, (_, x) => {
    const u = (x - cx) / rx;
    if (front) return base + h * 0.07 * Math.cos(u * Math.PI * 1.6) * (1 - Math.min(1, Math.abs(u)));
    if (view === 'left') return h * 0.82 - (x / w) * h * 0.25;
    if (view === 'right') return h * 0.82 - (1 - x / w) * h * 0.25;
    return h * 4;
  });
  const scarLine = Float32Array.from({ length: w }, (_, x) => scarY + Math.sin((x / w) * 3) * h * 0.04);
  const scarWidth = 9 * scale;
  return {
    scale,
    head: { cx, cy, rx, ry },
    /** < 1 inside the head ellipse. */
    inside: (x: number, y: number) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2,
    pigmented: (col: number, y: number) => smoothstep(edge[col] + ramp, edge[col] - ramp, y),
    scar: (col: number, y: number) => {
      if (view !== 'scar') return 0;
      const t = (y - scarLine[col]) / scarWidth;
      return t > 4 || t < -4 ? 0 : Math.exp(-t * t);
    },
  };
}

/** Adds one anti-aliased disc of ink, keeping the darkest value where dots overlap. */
function stamp(ink: Uint8Array, w: number, h: number, cx: number, cy: number, r: number, strength: number) {
  const x0 = Math.max(0, Math.floor(cx - r - 1)), x1 = Math.min(w - 1, Math.ceil(cx + r + 1));
  const y0 = Math.max(0, Math.floor(cy - r - 1)), y1 = Math.min(h - 1, Math.ceil(cy + r + 1));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cover = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - cx, y - cy)));
      const v = Math.round(cover * strength * 255);
      if (v > ink[y * w + x]) ink[y * w + x] = v;
    }
  }
}

/** Per-pixel white noise blurred by `sigma`: organic, grid-free skin texture around 128. */
async function blurredNoise(random: () => number, w: number, h: number, sigma: number): Promise<Buffer> {
  const noise = new Uint8Array(w * h);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
  return sharp(noise, { raw: { width: w, height: h, channels: 1 } }).blur(sigma).toColourspace('b-w').raw().toBuffer();
}

/** Smooth random field in [0, 1] with features about `cell` pixels wide: by point, or a row at once. */
function valueNoise(random: () => number, w: number, h: number, cell: number) {
  const size = Math.max(cell, 2);
  const cols = Math.ceil(w / size) + 2, rows = Math.ceil(h / size) + 2;
  const grid = Float32Array.from({ length: cols * rows }, () => random());
  const column = new Float32Array(cols);
  const cellOf = (v: number, count: number) => Math.max(0, Math.min(count - 2, Math.floor(v / size)));
  const at = (x: number, y: number) => {
    const ix = cellOf(x, cols), iy = cellOf(y, rows);
    const fx = smoothstep(0, 1, x / size - ix), fy = smoothstep(0, 1, y / size - iy);
    const top = grid[iy * cols + ix] * (1 - fx) + grid[iy * cols + ix + 1] * fx;
    const bottom = grid[(iy + 1) * cols + ix] * (1 - fx) + grid[(iy + 1) * cols + ix + 1] * fx;
    return top * (1 - fy) + bottom * fy;
  };
  /** Same values as `at(x, y)` for every x, interpolating each grid column once per row. */
  const fillRow = (y: number, out: Float32Array) => {
    const iy = cellOf(y, rows), fy = smoothstep(0, 1, y / size - iy);
    for (let c = 0; c < cols; c++) column[c] = grid[iy * cols + c] * (1 - fy) + grid[(iy + 1) * cols + c] * fy;
    for (let x = 0; x < out.length; x++) {
      const ix = cellOf(x, cols), fx = smoothstep(0, 1, x / size - ix);
      out[x] = column[ix] * (1 - fx) + column[ix + 1] * fx;
    }
  };
  return { at, fillRow };
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
