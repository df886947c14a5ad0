import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefetchCaseFolders, prefetchCaseListings } from '../../src/lib/content/prefetch.ts';
import { listPortfolioFolders } from '../../src/lib/content/read-portfolios.ts';
import { makeTempDir } from '../helpers/server.ts';

/** A portfolios/ folder of `practitioners` × `cases` case folders, each with a case.yaml (one without). */
function portfolio(practitioners: number, cases: number): string {
  const dir = makeTempDir('prefetch');
  for (let p = 0; p < practitioners; p++) {
    for (let c = 0; c < cases; c++) {
      const folder = path.join(dir, `p-${p}`, 'cases', `p-${p}-case-${c}`);
      mkdirSync(folder, { recursive: true });
      if (p + c > 0) writeFileSync(path.join(folder, 'case.yaml'), `treatment: scar-correction\n`);
    }
  }
  return dir;
}

describe('prefetching case folders for a start-up read', () => {
  // 800 folders are 12 steps of 64 and one of 32; each of 4 prefetchers takes every fourth step:
  // steps 0, 4, 8, 12 (224 folders), then 1, 5, 9 / 2, 6, 10 / 3, 7, 11 (192 each).
  const shares = [224, 192, 192, 192];

  it('runs every prefetcher over its whole share when told not to stop at cached files', async () => {
    const dir = portfolio(4, 200);
    const folders = listPortfolioFolders(dir);
    expect(shares.reduce((a, b) => a + b)).toBe(folders.reduce((n, f) => n + f.ids.length, 0));
    // Every folder is asked for; the one without a case.yaml stops nothing.
    const reports = await prefetchCaseFolders(dir, folders, { threads: 4, stopWhenCached: false });
    expect(reports).toEqual(shares.map((folders) => ({ folders, foundCached: false })));
  });

  it('starts no prefetcher when a sample of the folders came from the page cache (they were just written)', async () => {
    const dir = portfolio(4, 200);
    expect(await prefetchCaseFolders(dir, listPortfolioFolders(dir), { threads: 4 })).toEqual([]);
  });

  it('lists the practitioners\' cases/ folders ahead of the listing the same way', async () => {
    const dir = portfolio(130, 1);
    const slugs = listPortfolioFolders(dir).map((f) => f.slug);
    // 130 folders are 2 steps of 64 and one of 2: steps 0 and 2 (66 folders), then step 1 (64).
    expect(await prefetchCaseListings(dir, slugs, { threads: 2, stopWhenCached: false })).toEqual([{ folders: 66, foundCached: false }, { folders: 64, foundCached: false }]);
    // Just written, so cached: no thread.
    expect(await prefetchCaseListings(dir, slugs, { threads: 2 })).toEqual([]);
  });

  it('starts no thread for a portfolio smaller than one step per prefetcher', async () => {
    const dir = portfolio(2, 100);
    expect(await prefetchCaseFolders(dir, listPortfolioFolders(dir), { threads: 4 })).toEqual([]);
  });
});
