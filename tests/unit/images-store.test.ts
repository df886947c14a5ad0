import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVariantStore, defaultRecipe, variantFileName, type MasterRef, type VariantFormat,
} from '../../src/lib/images/index.ts';

// Real sharp, real worker threads, real files in temp folders: only the photos are small.
let root: string;
beforeAll(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'healed-images-test-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const freshDir = () => mkdtemp(path.join(root, 'store-'));
let photoCount = 0;

/** Writes a noisy JPEG master (optionally with metadata) and returns its MasterRef. */
async function makeMaster(width: number, height: number, decorate: (s: Sharp) => Sharp = (s) => s): Promise<MasterRef> {
  const pixels = Buffer.alloc(width * height * 3);
  const seed = ++photoCount;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 31 + seed * 97 + ((i * 2654435761) >>> 24)) & 0xff;
  const file = path.join(root, `master-${seed}.jpg`);
  await decorate(sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 })).toFile(file);
  return { path: file, sha256: sha256Of(await readFile(file)) };
}

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

const sharpFormat: Record<VariantFormat, string> = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' };

describe('variant store', { timeout: 60_000 }, () => {
  it('makes every width × format with the exact dimensions its manifest records', async () => {
    const dir = await freshDir();
    const master = await makeMaster(1000, 750);
    const store = createVariantStore({ dir, workers: 2 });
    const progress: [number, number][] = [];
    const report = await store.ensure([master], { onProgress: (done, total) => progress.push([done, total]) });
    expect(report).toEqual({ made: 1, cached: 0, failed: [] });
    expect(progress).toEqual([[1, 1]]);

    const v = await store.get(master.sha256);
    expect(v).toBeDefined();
    expect(v!).toMatchObject({ sha256: master.sha256, recipeId: store.recipeId, width: 1000, height: 750, widths: [400, 800, 1000] });
    expect(v!.formats).toEqual(['avif', 'webp', 'jpeg']);
    expect(store.peek(master.sha256)).toEqual(v);
    for (const [i, width] of v!.widths.entries()) {
      expect(Math.abs(v!.heights[i] - width * 0.75)).toBeLessThanOrEqual(1);
      for (const format of v!.formats) {
        const file = await store.read(variantFileName(master.sha256, v!.recipeId, width, format));
        expect(file, `${width} ${format}`).toBeDefined();
        expect(file!.contentType).toBe({ avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' }[format]);
        const meta = await sharp(file!.body).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual([sharpFormat[format], width, v!.heights[i]]);
      }
    }
    // 3 widths × 3 formats + the manifest, nothing else (no temp files left behind).
    expect((await listFiles(dir)).length).toBe(10);
    const placeholder = Buffer.from(v!.placeholder.replace(/^data:image\/webp;base64,/, ''), 'base64');
    expect(v!.placeholder.startsWith('data:image/webp;base64,')).toBe(true);
    expect(await sharp(placeholder).metadata()).toMatchObject({ format: 'webp', width: defaultRecipe.placeholder.width });
  });

  it('never encodes an unchanged photo twice, even from a fresh process', async () => {
    const dir = await freshDir();
    const master = await makeMaster(500, 400);
    expect((await createVariantStore({ dir, workers: 1 }).ensure([master])).made).toBe(1);
    const before = await listFiles(dir);
    const again = createVariantStore({ dir, workers: 1 });
    expect(again.peek(master.sha256)).toBeUndefined(); // fresh memo: the answer comes from disk
    expect(await again.ensure([master, { ...master }])).toEqual({ made: 0, cached: 1, failed: [] });
    expect(await listFiles(dir)).toEqual(before);
  });

  it('checks many photos at once: each found photo counted, a torn manifest re-made, progress to the end', async () => {
    const dir = await freshDir();
    const [kept, torn] = [await makeMaster(300, 200), await makeMaster(320, 200)];
    const first = createVariantStore({ dir, workers: 2 });
    expect((await first.ensure([kept, torn])).made).toBe(2);
    // More photos than are checked at once: copies of a made set under other names (the store
    // trusts a manifest that names its photo), and one photo whose manifest was cut off mid-write.
    const manifestOf = (sha: string) => path.join(dir, sha.slice(0, 2), `${sha}.${first.recipeId}.json`);
    const made = JSON.parse(await readFile(manifestOf(kept.sha256), 'utf8'));
    const copies = Array.from({ length: 50 }, (_, i) => ({ path: kept.path, sha256: createHash('sha256').update(`copy ${i}`).digest('hex') }));
    for (const copy of copies) {
      await mkdir(path.dirname(manifestOf(copy.sha256)), { recursive: true });
      await writeFile(manifestOf(copy.sha256), JSON.stringify({ ...made, sha256: copy.sha256 }));
    }
    await writeFile(manifestOf(torn.sha256), (await readFile(manifestOf(torn.sha256), 'utf8')).slice(0, 40));
    const progress: number[] = [];
    const report = await createVariantStore({ dir, workers: 2 }).ensure([...copies.slice(0, 25), torn, { path: kept.path, sha256: 'not-a-sha' }, kept, ...copies.slice(25)], {
      onProgress: (done, total) => progress.push(done, total),
    });
    expect({ made: report.made, cached: report.cached, failed: report.failed.map((f) => f.path) }).toEqual({ made: 1, cached: 51, failed: [kept.path] });
    expect(progress.slice(-2)).toEqual([53, 53]);
    expect(JSON.parse(await readFile(manifestOf(torn.sha256), 'utf8')).sha256).toBe(torn.sha256);
  });

  it('load() memoizes the manifests on disk, as get() reads them, and nothing for missing, torn or foreign ones', async () => {
    const dir = await freshDir();
    const master = await makeMaster(300, 200);
    const maker = createVariantStore({ dir, workers: 1 });
    expect((await maker.ensure([master])).made).toBe(1);
    const manifestOf = (sha: string) => path.join(dir, sha.slice(0, 2), `${sha}.${maker.recipeId}.json`);
    const made = JSON.parse(await readFile(manifestOf(master.sha256), 'utf8'));
    const sha = (name: string) => createHash('sha256').update(name).digest('hex');
    const [copies, torn, foreign, missing] = [Array.from({ length: 300 }, (_, i) => sha(`copy ${i}`)), sha('torn'), sha('foreign'), sha('missing')];
    for (const copy of [...copies, torn, foreign]) await mkdir(path.dirname(manifestOf(copy)), { recursive: true });
    for (const copy of copies) await writeFile(manifestOf(copy), JSON.stringify({ ...made, sha256: copy }));
    await writeFile(manifestOf(torn), JSON.stringify({ ...made, sha256: torn }).slice(0, 50));
    await writeFile(manifestOf(foreign), JSON.stringify(made));

    const store = createVariantStore({ dir, workers: 1 });
    await store.load([master.sha256, ...copies, torn, foreign, missing, 'not-a-sha', master.sha256]);
    const fromDisk = createVariantStore({ dir, workers: 1 });
    for (const found of [master.sha256, ...copies]) expect(store.peek(found), found).toEqual(await fromDisk.get(found));
    expect(store.peek(copies[7]!)).toMatchObject({ sha256: copies[7], width: 300, height: 200 });
    for (const absent of [torn, foreign, missing]) expect(store.peek(absent), absent).toBeUndefined();
  });

  it('keeps one copy of what manifests repeat in memory, with every value as on disk', async () => {
    const dir = await freshDir();
    const [a, b] = [await makeMaster(500, 400), await makeMaster(500, 300)];
    expect((await createVariantStore({ dir, workers: 2 }).ensure([a, b])).made).toBe(2);
    const store = createVariantStore({ dir, workers: 1 });
    const [va, vb] = [(await store.get(a.sha256))!, (await store.get(b.sha256))!];
    for (const [v, master] of [[va, a], [vb, b]] as const) {
      expect(v).toEqual(JSON.parse(await readFile(path.join(dir, master.sha256.slice(0, 2), `${master.sha256}.${store.recipeId}.json`), 'utf8')));
    }
    // The same widths and formats: one frozen array each for both photos; heights follow each shape.
    expect(va.widths).toBe(vb.widths);
    expect(va.formats).toBe(vb.formats);
    expect(Object.isFrozen(va.widths)).toBe(true);
    expect(va.heights).not.toEqual(vb.heights);
    expect(store.peek(a.sha256)).toBe(va);
  });

  it('re-encodes everything when the recipe changes', async () => {
    const dir = await freshDir();
    const master = await makeMaster(600, 400);
    const first = createVariantStore({ dir, workers: 1 });
    await first.ensure([master]);
    const recipe = structuredClone(defaultRecipe);
    recipe.formats.find((f) => f.format === 'jpeg')!.settings.quality = 60;
    const second = createVariantStore({ dir, workers: 1, recipe });
    expect(second.recipeId).not.toBe(first.recipeId);
    expect(await second.ensure([master])).toEqual({ made: 1, cached: 0, failed: [] });
    const names = await listFiles(dir);
    expect(names.filter((n) => n.includes(`.${second.recipeId}.`)).length).toBe(2 * 3 + 1);
    expect((await second.get(master.sha256))!.recipeId).toBe(second.recipeId);
  });

  it('strips EXIF and GPS from every output', async () => {
    const dir = await freshDir();
    const master = await makeMaster(900, 600, (s) =>
      s.withExif({
        IFD0: { Make: 'HealedTestCam', Model: 'T1', Copyright: 'client name' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'));
    const input = await sharp(master.path).metadata();
    // The input really carries what must not leak (else this test would prove nothing).
    expect(input.exif?.includes('HealedTestCam')).toBe(true);
    expect(input.xmp).toBeDefined();

    const store = createVariantStore({ dir, workers: 2 });
    expect((await store.ensure([master])).made).toBe(1);
    const v = (await store.get(master.sha256))!;
    for (const width of v.widths) {
      for (const format of v.formats) {
        const { body } = (await store.read(variantFileName(v.sha256, v.recipeId, width, format)))!;
        const meta = await sharp(body).metadata();
        expect([meta.exif, meta.xmp, meta.iptc, meta.orientation], `${width} ${format}`).toEqual([undefined, undefined, undefined, undefined]);
        expect(Buffer.from(body).includes('HealedTestCam')).toBe(false);
      }
    }
  });

  it('applies EXIF orientation before measuring and resizing', async () => {
    const dir = await freshDir();
    // 200×100 stored sideways (orientation 6 = rotate 90° clockwise): left half red, right half blue.
    const pixels = Buffer.alloc(200 * 100 * 3);
    for (let i = 0; i < 200 * 100; i++) pixels.set(i % 200 < 100 ? [220, 20, 20] : [20, 20, 220], i * 3);
    const file = path.join(root, 'sideways.jpg');
    await sharp(pixels, { raw: { width: 200, height: 100, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toFile(file);
    expect((await sharp(file).metadata()).orientation).toBe(6);
    const master = { path: file, sha256: sha256Of(await readFile(file)) };

    const store = createVariantStore({ dir, workers: 1 });
    expect((await store.ensure([master])).made).toBe(1);
    const v = (await store.get(master.sha256))!;
    expect([v.width, v.height, v.widths, v.heights]).toEqual([100, 200, [100], [200]]);
    const jpeg = (await store.read(variantFileName(v.sha256, v.recipeId, 100, 'jpeg')))!;
    const { data, info } = await sharp(jpeg.body).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([100, 200]);
    // After a clockwise turn the red half is on top, the blue half below.
    const at = (x: number, y: number) => [...data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3)];
    expect(at(50, 40)[0]).toBeGreaterThan(150);
    expect(at(50, 160)[2]).toBeGreaterThan(150);
  });

  it('refuses a master whose SHA-256 no longer matches case.yaml, writing nothing', async () => {
    const dir = await freshDir();
    const master = await makeMaster(400, 300);
    const claimed = 'f'.repeat(64);
    const store = createVariantStore({ dir, workers: 1 });
    const report = await store.ensure([{ path: master.path, sha256: claimed }]);
    expect(report.made).toBe(0);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0].path).toBe(master.path);
    expect(report.failed[0].message).toMatch(/changed since case\.yaml was written/);
    expect(report.failed[0].message).toMatch(/npm run check/);
    expect(await listFiles(dir)).toEqual([]);
    expect(await store.get(claimed)).toBeUndefined();
  });

  it('reports missing and undecodable files without stopping the other photos', async () => {
    const dir = await freshDir();
    const good = await makeMaster(400, 300);
    const missing = { path: path.join(root, 'nope.jpg'), sha256: 'e'.repeat(64) };
    const junkFile = path.join(root, 'junk.jpg');
    await writeFile(junkFile, 'not an image at all');
    const junk = { path: junkFile, sha256: sha256Of(await readFile(junkFile)) };
    const report = await createVariantStore({ dir, workers: 2 }).ensure([missing, good, junk]);
    expect(report.made).toBe(1);
    expect(report.failed.map((f) => f.path).sort()).toEqual([junkFile, missing.path].sort());
    expect(report.failed.find((f) => f.path === missing.path)!.message).toMatch(/does not exist/);
  });

  it('read() serves only strict variant names from inside the store', async () => {
    const dir = await freshDir();
    const master = await makeMaster(400, 300);
    const store = createVariantStore({ dir, workers: 1 });
    await store.ensure([master]);
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    const name = variantFileName(master.sha256, store.recipeId, 400, 'webp');
    expect((await store.read(name))?.contentType).toBe('image/webp');
    for (const bad of ['../x', '%2e%2e', '..%2fsecret.txt', '../secret.txt', '/etc/passwd', path.join(dir, name), `../${name}`, `${master.sha256}.${store.recipeId}.json`]) {
      expect(await store.read(bad), bad).toBeUndefined();
    }
    // Well-formed but never made: a miss, not an error.
    expect(await store.read(variantFileName(master.sha256, store.recipeId, 1600, 'webp'))).toBeUndefined();
  });

  it('remove() deletes a photo\'s variants and manifest, and nothing else', async () => {
    const dir = await freshDir();
    const [gone, kept] = [await makeMaster(400, 300), await makeMaster(400, 300)];
    const store = createVariantStore({ dir, workers: 2 });
    expect((await store.ensure([gone, kept])).made).toBe(2);
    const name = variantFileName(gone.sha256, store.recipeId, 400, 'jpeg');
    await store.remove(gone.sha256);
    const left = await listFiles(dir);
    expect(left.some((n) => n.startsWith(gone.sha256))).toBe(false);
    expect(left.filter((n) => n.startsWith(kept.sha256)).length).toBe(3 + 1);
    expect(store.peek(gone.sha256)).toBeUndefined();
    expect(await store.get(gone.sha256)).toBeUndefined();
    expect(await store.read(name)).toBeUndefined();
    await store.remove(gone.sha256); // idempotent: a second withdrawal is not an error
  });
});
