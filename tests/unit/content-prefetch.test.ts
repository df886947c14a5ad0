import fs, { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { prefetch, prefetchCaseFolders, prefetchPractitionerFolders, type PrefetchReads } from '../../src/lib/content/prefetch.ts';
import { listPortfolioFolders } from '../../src/lib/content/read-portfolios.ts';
import { makeTempDir } from '../helpers/server.ts';

/** A portfolios/ folder of `practitioners` (each with a practitioner.yaml) × `cases` case folders, each with a case.yaml (one without). */
function portfolio(practitioners: number, cases: number): string {
  const dir = makeTempDir('prefetch');
  for (let p = 0; p < practitioners; p++) {
    mkdirSync(path.join(dir, `p-${p}`));
    writeFileSync(path.join(dir, `p-${p}`, 'practitioner.yaml'), `name: P ${p}\n`);
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

  it('reads the practitioners\' folders (cases/ listing, practitioner.yaml) ahead of the listing the same way', async () => {
    const dir = portfolio(130, 1);
    const slugs = listPortfolioFolders(dir).map((f) => f.slug);
    // 130 folders are 2 steps of 64 and one of 2: steps 0 and 2 (66 folders), then step 1 (64).
    expect(await prefetchPractitionerFolders(dir, slugs, { threads: 2, stopWhenCached: false })).toEqual([{ folders: 66, foundCached: false }, { folders: 64, foundCached: false }]);
    // Just written, so cached: no thread.
    expect(await prefetchPractitionerFolders(dir, slugs, { threads: 2 })).toEqual([]);
  });

  it('starts no thread for a portfolio smaller than one step per prefetcher', async () => {
    const dir = portfolio(2, 100);
    expect(await prefetchCaseFolders(dir, listPortfolioFolders(dir), { threads: 4 })).toEqual([]);
  });

  it('asks the disk for what the reader will: a first start\'s folder and case.yaml, a restart\'s stats only', () => {
    const dir = portfolio(1, 3);
    const dirs = listPortfolioFolders(dir)[0]!.ids.map((id) => path.join(dir, 'p-0', 'cases', id));
    const asked = (reads: PrefetchReads, folders = dirs) => {
      const calls: string[] = [];
      const spies = (['statSync', 'readdirSync', 'readFileSync'] as const).map((name) => {
        const original = fs[name] as (...args: unknown[]) => unknown;
        return vi.spyOn(fs, name).mockImplementation(((file: string, ...rest: unknown[]) => {
          // Its own I/O accounting (/proc/thread-self/io) is not a folder's read.
          if (!String(file).startsWith('/proc/')) calls.push(`${name} ${path.relative(dir, String(file))}`);
          return original.call(fs, file, ...rest);
        }) as never);
      });
      try {
        expect(prefetch({ dirs: folders, reads, step: 64, stopWhenCached: false })).toEqual({ folders: folders.length, foundCached: false });
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
      return calls;
    };
    const [first] = dirs.map((d) => path.relative(dir, d));
    // A practitioner's folder: what the main thread lists and the readers read first.
    expect(asked('practitioner-folder', [path.join(dir, 'p-0')])).toEqual(['readdirSync p-0/cases', 'readFileSync p-0/practitioner.yaml']);
    expect(asked('case-folder').slice(0, 3)).toEqual([`statSync ${first}`, `readdirSync ${first}`, `readFileSync ${first}/case.yaml`]);
    expect(asked('case-stamps').slice(0, 2)).toEqual([`statSync ${first}`, `statSync ${first}/case.yaml`]);
    expect(asked('case-stamps').filter((call) => !call.startsWith('statSync'))).toEqual([]);
  });
});
