import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPortfolios } from '../../scripts/lib/check-portfolios.ts';
import { caseYaml, practitionerYaml, writePortfolio } from '../factories/content.ts';

const clean = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a87' } }).jpeg().toBuffer();
const withGps = await sharp(clean)
  .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 31/1 0/1' } })
  .jpeg()
  .toBuffer();

describe('checkPortfolios', () => {
  it('passes sanitized masters whose sha256 matches', async () => {
    const dir = await writePortfolio({ 'pr-a': { practitioner: practitionerYaml(), cases: { 'case-a': caseYaml() } } }, { photoBytes: () => clean });
    const result = await checkPortfolios(dir);
    expect(result.lines).toEqual([]);
    expect(result.photos).toBe(2);
  });

  it('refuses a master that still carries EXIF/GPS, and a file changed after its sha256 was written', async () => {
    const dir = await writePortfolio(
      { 'pr-a': { practitioner: practitionerYaml(), cases: { 'case-a': caseYaml() } } },
      { photoBytes: (file) => (file === 'healed.jpg' ? withGps : clean) },
    );
    await writeFile(path.join(dir, 'pr-a/cases/case-a/before.jpg'), withGps);
    const text = (await checkPortfolios(dir)).lines.join('\n');
    expect(text).toMatch(/photos\[1\]\.file: healed\.jpg still carries exif metadata \(possibly GPS\)\. Fix: /);
    expect(text).toMatch(/photos\[0\]\.sha256: does not match before\.jpg/);
  });

  it('refuses a file that is not an image', async () => {
    const dir = await writePortfolio({ 'pr-a': { practitioner: practitionerYaml(), cases: { 'case-a': caseYaml() } } }, {
      photoBytes: (file) => (file === 'before.jpg' ? Buffer.from('<html><script>alert(1)</script></html>') : clean),
    });
    expect((await checkPortfolios(dir)).lines.join('\n')).toMatch(/photos\[0\]\.file: before\.jpg is not a JPEG, PNG, WebP or AVIF image/);
  });
});
