/**
 * Gives every photo of a generated portfolio hashes of its own, for bench:scale. `npm run demo`
 * hard-links its photos to ~30 image files, so at 100k cases ~369k photos share ~30 sha256 and
 * fingerprint values: the server then keeps ~30 variant manifests and checks ~30 at start, where
 * a real portfolio has one per photo. Here each photo's `sha256` and `fingerprint` in case.yaml
 * become its own (derived from the case folder and the photo's place, so a run repeats), and each
 * new sha256 gets the manifest of the image file it stands for, with its own name, as preparing
 * variants for a copy of that file would write. Only the manifests are written, not the ~12
 * variant files each (4.4M files at 100k cases): pages, listings and search read manifests; an
 * `/img` request for one of these photos answers 404, and bench:scale makes none.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestFileName } from '../../src/lib/images/file-name.ts';


/** A 64-bit hex word derived from `seed` (the fingerprint's halves: 16 hex each). */
const hexWord = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 16);

/** Rewrites every case.yaml under `portfoliosDir` and writes a manifest per photo; returns the photos. */
export function giveEachPhotoItsOwnHashes(portfoliosDir: string, variantsDir: string): number {
  // The manifests preparing the variants wrote: one per image file the photos link to.
  const manifests = new Map<string, { recipeId: string; text: string }>();
  for (const fanOut of readdirSync(variantsDir)) {
    for (const name of readdirSync(path.join(variantsDir, fanOut))) {
      const match = /^([0-9a-f]{64})\.([0-9a-f]+)\.json$/.exec(name);
      if (match) manifests.set(match[1]!, { recipeId: match[2]!, text: readFileSync(path.join(variantsDir, fanOut, name), 'utf8') });
    }
  }
  if (manifests.size === 0) throw new Error(`no variant manifests in ${variantsDir}: prepare the variants first`);
  const made = new Set<string>();
  let photos = 0;
  for (const slug of readdirSync(portfoliosDir)) {
    if (slug.startsWith('.')) continue;
    const casesDir = path.join(portfoliosDir, slug, 'cases');
    for (const id of readdirSync(casesDir)) {
      const file = path.join(casesDir, id, 'case.yaml');
      let place = 0;
      let printed = 0;
      const text = readFileSync(file, 'utf8')
        .replace(/^(\s+)sha256: ([0-9a-f]{64})$/gm, (_, indent: string, shared: string) => {
          const own = createHash('sha256').update(`${slug}/${id}/${place++}/${shared}`).digest('hex');
          const manifest = manifests.get(shared);
          if (!manifest) throw new Error(`${file}: no manifest for sha256 ${shared}`);
          const folder = path.join(variantsDir, own.slice(0, 2));
          if (!made.has(folder)) (mkdirSync(folder, { recursive: true }), made.add(folder));
          writeFileSync(path.join(folder, manifestFileName(own, manifest.recipeId)), manifest.text.replace(shared, own));
          photos++;
          return `${indent}sha256: ${own}`;
        })
        .replace(/^(\s+)fingerprint: [0-9a-f]{16}-[0-9a-f]{16}$/gm, (_, indent: string) => `${indent}fingerprint: ${hexWord(`${slug}/${id}/${printed}/outer`)}-${hexWord(`${slug}/${id}/${printed++}/inner`)}`);
      writeFileSync(file, text);
    }
  }
  return photos;
}
