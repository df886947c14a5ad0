import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPortfolios } from '../../src/lib/content/index.ts';
import { openParseCache, type ParseCache } from '../../src/lib/db/index.ts';

let dir: string;
let portfoliosDir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'healed-parse-cache-'));
  portfoliosDir = path.join(dir, 'portfolios');
  cpSync('portfolios', portfoliosDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The cache, counting what it answered. */
function counting(cache: ParseCache) {
  const counts = { hits: 0, misses: 0 };
  return {
    counts,
    cache: {
      get(file: string, stamp: string) {
        const value = cache.get(file, stamp);
        counts[value === undefined ? 'misses' : 'hits']++;
        return value;
      },
      put: cache.put.bind(cache),
      flush: cache.flush.bind(cache),
    } satisfies ParseCache,
  };
}

describe('parse cache of case folders', () => {
  it('gives a second read the same content without parsing, and parses again what changed', async () => {
    const plain = await readPortfolios(portfoliosDir);
    const first = counting(openParseCache(path.join(dir, 'data')));
    const cold = await readPortfolios(portfoliosDir, { cache: first.cache });
    expect(first.counts).toEqual({ hits: 0, misses: plain.cases.size });
    expect(cold.cases).toEqual(plain.cases);

    // A restart: a new connection to the same file.
    const second = counting(openParseCache(path.join(dir, 'data')));
    const warm = await readPortfolios(portfoliosDir, { cache: second.cache });
    expect(second.counts).toEqual({ hits: plain.cases.size, misses: 0 });
    expect(warm.cases).toEqual(plain.cases);

    // An edited case.yaml (other size) is read again, and its edit shows.
    const [id, kase] = [...plain.cases][0]!;
    const file = path.join(portfoliosDir, kase.practitionerSlug, 'cases', id, 'case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^notes: .*$/m, 'notes: Edited after publishing.'));
    const third = counting(openParseCache(path.join(dir, 'data')));
    const edited = await readPortfolios(portfoliosDir, { cache: third.cache });
    expect(third.counts).toEqual({ hits: plain.cases.size - 1, misses: 1 });
    expect(edited.cases.get(id)!.notes).toBe('Edited after publishing.');
  });

  it('starts again empty when the cache file is not a cache', async () => {
    const data = path.join(dir, 'data');
    openParseCache(data);
    writeFileSync(path.join(data, 'content-cache.db'), 'not a database');
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(data, `content-cache.db${suffix}`), { force: true });
    const cache = openParseCache(data);
    expect(cache.get('x', 'y')).toBeUndefined();
  });
});
