import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPortfolios } from '../../src/lib/content/index.ts';
import { createFolderPool } from '../../src/lib/content/folder-pool.ts';
import { readPortfoliosInParallel } from '../../src/lib/content/read-in-parallel.ts';
import { openParseCache, type ParseCache } from '../../src/lib/db/index.ts';
import { shippedPortfoliosCopy } from '../factories/content.ts';

const copy = shippedPortfoliosCopy('parse-cache');

/** The cache, counting the parses it answered (hits) and the parses it recorded. */
function counting(cache: ParseCache) {
  const counts = { hits: 0, parsed: 0 };
  return {
    counts,
    cache: {
      ...cache,
      get(file: string, stamp: string) {
        const json = cache.get(file, stamp);
        if (json !== undefined) counts.hits++;
        return json;
      },
      put(file: string, stamp: string, json: string) {
        counts.parsed++;
        cache.put(file, stamp, json);
      },
    } satisfies ParseCache,
  };
}

describe('parse cache of case folders', () => {
  it('gives a second read the same content without parsing, and parses again what changed', async () => {
    const { dir, portfoliosDir } = copy;
    const plain = await readPortfolios(portfoliosDir);
    const first = counting(openParseCache(path.join(dir, 'data')));
    const cold = await readPortfolios(portfoliosDir, { cache: first.cache });
    expect(first.counts).toEqual({ hits: 0, parsed: plain.cases.size });
    expect(cold.cases).toEqual(plain.cases);
    first.cache.close();

    // A restart: a new connection to the same file.
    const second = counting(openParseCache(path.join(dir, 'data')));
    const warm = await readPortfolios(portfoliosDir, { cache: second.cache });
    expect(second.counts).toEqual({ hits: plain.cases.size, parsed: 0 });
    expect(warm.cases).toEqual(plain.cases);
    second.cache.close();

    // An edited case.yaml (other size) is read again, and its edit shows; so is a folder that lost a photo.
    const [[id, kase], [otherId, other]] = [...plain.cases];
    const file = path.join(portfoliosDir, kase!.practitionerSlug, 'cases', id!, 'case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^notes: .*$/m, 'notes: Edited after publishing.'));
    rmSync(other!.photos[0]!.path);
    const third = counting(openParseCache(path.join(dir, 'data')));
    const edited = await readPortfolios(portfoliosDir, { cache: third.cache });
    expect(third.counts).toEqual({ hits: plain.cases.size - 2, parsed: 2 });
    expect(edited.cases.get(id!)!.notes).toBe('Edited after publishing.');
    expect(edited.cases.has(otherId!)).toBe(false);
    third.cache.close();
  });

  it('is filled by the readers of a parallel read, which read back the same content', async () => {
    const { dir, portfoliosDir } = copy;
    const plain = await readPortfolios(portfoliosDir);
    const cacheDir = path.join(dir, 'data');
    openParseCache(cacheDir).close();
    for (const round of ['first', 'second']) {
      const pool = createFolderPool(2, { portfoliosDir, cacheDir, options: {} });
      const read = await readPortfoliosInParallel(portfoliosDir, pool);
      await pool.close();
      expect(read.cases, round).toEqual(plain.cases);
      // Every case folder was recorded by the first round's readers.
      const cache = counting(openParseCache(cacheDir));
      for (const kase of plain.cases.values()) {
        const [yaml, folder] = [statSync(path.join(portfoliosDir, kase.practitionerSlug, 'cases', kase.id, 'case.yaml')), statSync(path.join(portfoliosDir, kase.practitionerSlug, 'cases', kase.id))];
        cache.cache.get(`${kase.practitionerSlug}/cases/${kase.id}`, `${yaml.size}:${yaml.mtimeMs}:${folder.mtimeMs}`);
      }
      expect(cache.counts.hits, round).toBe(plain.cases.size);
      cache.cache.close();
    }
  });

  it('shows the rows it holds without letting go of them: they are still written', () => {
    const { dir } = copy;
    const data = path.join(dir, 'data');
    const cache = openParseCache(data);
    const rows: [string, string, string][] = [['a/cases/one', '1:2:3', '{"raw":{"notes":"é ✓"},"files":[]}'], ['a/cases/two', '4:5:6', '{"raw":{},"files":["x.jpg"]}']];
    for (const row of rows) cache.put(...row);
    expect([...cache.held()]).toEqual(rows);
    // Seen again: showing them did not take them.
    expect([...cache.held()]).toEqual(rows);
    cache.close();
    const reopened = openParseCache(data);
    expect(rows.map(([file, stamp]) => reopened.get(file, stamp))).toEqual(rows.map(([, , json]) => json));
    expect([...reopened.held()]).toEqual([]);
    reopened.close();
  });

  it('starts again empty when the cache file is not a cache', async () => {
    const { dir } = copy;
    const data = path.join(dir, 'data');
    openParseCache(data).close();
    writeFileSync(path.join(data, 'content-cache.db'), 'not a database');
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(data, `content-cache.db${suffix}`), { force: true });
    const cache = openParseCache(data);
    expect(cache.get('x', 'y')).toBeUndefined();
    cache.close();
  });
});
