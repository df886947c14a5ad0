import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, readPortfolios, type PublishedPhoto } from '../../src/lib/content/index.ts';
import { fingerprintToText } from '../../src/lib/duplicates/index.ts';
import { inspectMaster, photoHashes } from '../../src/lib/images/index.ts';

const publishable = new Set(['jpeg', 'png', 'webp', 'heif']);

/** File-level checks of one master: its hash, that it decodes, that it carries no metadata. */
async function photoProblems(photo: PublishedPhoto, index: number) {
  const file = path.relative(process.cwd(), path.join(path.dirname(photo.path), 'case.yaml'));
  const field = `photos[${index}]`;
  const problems = [];
  const actual = createHash('sha256').update(await readFile(photo.path)).digest('hex');
  if (actual !== photo.sha256) {
    problems.push({ file, field: `${field}.sha256`, message: `does not match ${photo.file} (the file is ${actual})`, fix: 'if the photo was replaced on purpose, write the new sha256; otherwise restore the original file' });
  }
  const inspection = await inspectMaster(photo.path);
  if (!inspection.format || !publishable.has(inspection.format)) {
    problems.push({ file, field: `${field}.file`, message: `${photo.file} is not a JPEG, PNG, WebP or AVIF image`, fix: 'export the photo as JPEG and replace the file' });
  } else if (inspection.metadata.length) {
    // Masters are served and copied as they are: EXIF can hold GPS and device serials.
    problems.push({ file, field: `${field}.file`, message: `${photo.file} still carries ${inspection.metadata.join(', ')} metadata (possibly GPS)`, fix: 'publish only sanitized masters: upload the photo through Healed, or strip it (e.g. `exiftool -all= <file>`) and update sha256' });
  } else if (photo.fingerprint) {
    // The copy index trusts the recorded fingerprint: it must be the file's, or copies go unseen.
    const actual = fingerprintToText((await photoHashes(photo.path)).fingerprint);
    if (actual !== photo.fingerprint) {
      problems.push({ file, field: `${field}.fingerprint`, message: `does not match ${photo.file} (the file's is ${actual})`, fix: `write fingerprint: ${actual} (or remove the line: Healed then computes it at start)` });
    }
  }
  return problems;
}

/** Every problem in portfolios/ as printable lines, plus what was checked. */
export async function checkPortfolios(portfoliosDir: string) {
  const snap = await readPortfolios(portfoliosDir);
  const lines = snap.problems.map(formatProblem);
  let photos = 0;
  for (const kase of snap.cases.values()) {
    const found = await Promise.all(kase.photos.map((photo, i) => photoProblems(photo, i)));
    photos += kase.photos.length;
    lines.push(...found.flat().map(formatProblem));
  }
  return { lines, practitioners: snap.practitioners.size, cases: snap.cases.size, photos };
}
