import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { giveEachPhotoItsOwnHashes } from '../../scripts/lib/distinct-photos.ts';
import { readPortfolios } from '../../src/lib/content/index.ts';
import { manifestFileName } from '../../src/lib/images/file-name.ts';
import { caseYaml, photoYaml, practitionerYaml, writePortfolio } from '../factories/content.ts';

const [shotA, shotB] = ['a'.repeat(64), 'b'.repeat(64)];
/** Two image files: every "before" is one, every other photo the other. */
const sameFiles = (file: string) => Buffer.from(file === 'before.jpg' ? 'image file A' : 'image file B');
/** A photo as `npm run demo` writes one: hashes of the image file it links to. */
const shared = (file: string, at: string, sha256: string, extra: Record<string, unknown> = {}) => photoYaml(file, at, { sha256, fingerprint: `${sha256.slice(0, 16)}-${sha256.slice(0, 16)}`, ...extra });

describe('bench:scale: every photo with hashes of its own', () => {
  it('gives each photo its own sha256 and fingerprint, with the manifest of the file it stands for, and changes nothing else', async () => {
    // Photos of several cases share two image files (as `npm run demo`'s hard links do); one case uses a file twice.
    const twice = caseYaml({ photos: [shared('before.jpg', '2025-01-07', shotA), shared('healed.jpg', '2025-05-01', shotB, { claimedStage: 'healed' }), shared('again.jpg', '2025-06-01', shotB, { claimedStage: 'healed' })] });
    const dir = await writePortfolio({
      'ana-lopes': { practitioner: practitionerYaml(), cases: { 'ana-1': twice, 'ana-2': caseYaml({ photos: [shared('before.jpg', '2025-01-07', shotA), shared('healed.jpg', '2025-05-01', shotB, { claimedStage: 'healed' })] }) } },
      'bea-costa': { practitioner: practitionerYaml({ name: 'Bea Costa' }), cases: { 'bea-1': caseYaml({ photos: [shared('before.jpg', '2025-01-07', shotA), shared('healed.jpg', '2025-05-01', shotB, { claimedStage: 'healed' })] }) } },
    }, { photoBytes: sameFiles });
    // Hidden inside the portfolio (no portfolio read looks there), so it goes when the portfolio does.
    const variantsDir = path.join(dir, '.variants');
    const before = await readPortfolios(dir);
    const files = new Set([...before.cases.values()].flatMap((c) => c.photos.map((p) => p.sha256)));
    expect(files.size).toBe(2);
    const recipeId = '01a7b49c';
    for (const sha256 of files) {
      mkdirSync(path.join(variantsDir, sha256.slice(0, 2)), { recursive: true });
      const manifest = { sha256, recipeId, width: 1600, height: 900, placeholder: `data:image/webp;base64,${sha256.slice(0, 8)}`, widths: [400, 800], heights: [225, 450], formats: ['avif', 'webp', 'jpeg'] };
      writeFileSync(path.join(variantsDir, sha256.slice(0, 2), manifestFileName(sha256, recipeId)), JSON.stringify(manifest));
    }

    expect(giveEachPhotoItsOwnHashes(dir, variantsDir)).toBe(7);
    const after = await readPortfolios(dir);
    expect(after.problems).toEqual([]);
    const photos = [...after.cases.values()].flatMap((c) => c.photos);
    expect(photos).toHaveLength(7);
    expect(new Set(photos.map((p) => p.sha256)).size).toBe(7);
    expect(new Set(photos.map((p) => p.fingerprint)).size).toBe(7);
    // Everything else is as it was; each new sha256 has the manifest of the file it stands for.
    for (const [id, kase] of after.cases) {
      const was = before.cases.get(id)!;
      const strip = (c: typeof kase) => ({ ...c, photos: c.photos.map(({ sha256, fingerprint, ...rest }) => rest) });
      expect(strip(kase)).toEqual(strip(was));
      for (const [i, photo] of kase.photos.entries()) {
        const file = path.join(variantsDir, photo.sha256.slice(0, 2), manifestFileName(photo.sha256, recipeId));
        const original = JSON.parse(readFileSync(path.join(variantsDir, was.photos[i]!.sha256.slice(0, 2), manifestFileName(was.photos[i]!.sha256, recipeId)), 'utf8'));
        expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...original, sha256: photo.sha256 });
      }
    }

    // A second portfolio generated the same way gets the same hashes: runs repeat.
    const again = await writePortfolio({ 'ana-lopes': { practitioner: practitionerYaml(), cases: { 'ana-1': twice } } }, { photoBytes: sameFiles });
    giveEachPhotoItsOwnHashes(again, variantsDir);
    expect((await readPortfolios(again)).cases.get('ana-1')!.photos.map((p) => p.sha256)).toEqual(after.cases.get('ana-1')!.photos.map((p) => p.sha256));
  });
});
