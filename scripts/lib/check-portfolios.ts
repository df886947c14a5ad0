import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, readPortfolios } from '../../src/lib/content/index.ts';

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Every problem in portfolios/ as printable lines, plus what was checked. */
export async function checkPortfolios(portfoliosDir: string) {
  const snap = await readPortfolios(portfoliosDir);
  const lines = snap.problems.map(formatProblem);
  let photos = 0;
  for (const kase of snap.cases.values()) {
    const checks = await Promise.all(kase.photos.map(async (photo, i) => ({ photo, i, actual: await sha256(photo.path) })));
    for (const { photo, i, actual } of checks) {
      photos++;
      if (actual === photo.sha256) continue;
      const file = path.relative(process.cwd(), path.join(path.dirname(photo.path), 'case.yaml'));
      lines.push(formatProblem({ file, field: `photos[${i}].sha256`, message: `does not match ${photo.file} (the file is ${actual})`, fix: 'if the photo was replaced on purpose, write the new sha256; otherwise restore the original file' }));
    }
  }
  return { lines, practitioners: snap.practitioners.size, cases: snap.cases.size, photos };
}
