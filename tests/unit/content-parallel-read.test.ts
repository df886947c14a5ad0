import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPortfolios, type ContentSnapshot, type PublishedCase } from '../../src/lib/content/index.ts';
import { healedRank, type HealedRank } from '../../src/lib/trust/index.ts';
import { createFolderPool, type FolderPool } from '../../src/lib/content/folder-pool.ts';
import type { ReadOptions } from '../../src/lib/content/read-portfolios.ts';
import { readPortfoliosInParallel } from '../../src/lib/content/read-in-parallel.ts';
import { caseYaml, photoYaml, practitionerYaml, writePortfolio } from '../factories/content.ts';

const today = new Date('2026-06-01T12:00:00Z');
const pools: FolderPool[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.close())));

/** Two readers for this portfolio, reading as the main thread is told to. */
function readers(portfoliosDir: string, options: ReadOptions = {}): FolderPool {
  const pool = createFolderPool(2, { portfoliosDir, options });
  pools.push(pool);
  return pool;
}

/** A portfolio with one of each kind of problem beside valid content. */
async function troubledPortfolio(): Promise<string> {
  const dir = await writePortfolio({
    'ana-lopes': { practitioner: practitionerYaml({ name: 'Ana Lopes' }), cases: { 'ana-one': caseYaml(), 'ana-two': caseYaml({ treatment: 'scar-correction', profile: { fitzpatrick: 'II', scarType: 'fut' } }), 'bad-yaml': {}, 'Not A URL': caseYaml(), 'no-photo': caseYaml({ photos: [photoYaml('lost.jpg', '2025-01-01')] }) } },
    'bea-costa': { practitioner: practitionerYaml({ name: 'Bea Costa', country: 'XX' }), cases: { 'bea-one': caseYaml() } },
    'cid-moura': { practitioner: practitionerYaml({ name: 'Cid Moura' }), cases: { 'ana-one': caseYaml(), 'cid-one': caseYaml({ notes: 'Cid.' }) } },
    'Dora Reis': { practitioner: practitionerYaml(), cases: { 'dora-one': caseYaml() } },
  }, { rawCaseYaml: { 'bad-yaml': 'treatment: [unclosed\n' }, skipPhotos: ['lost.jpg'] });
  // A case folder without its case.yaml.
  mkdirSync(path.join(dir, 'cid-moura', 'cases', 'empty-folder'));
  return dir;
}

/** A snapshot as plain data, map orders included. */
const plain = (snap: ContentSnapshot) => ({
  practitioners: [...snap.practitioners],
  cases: [...snap.cases],
  problems: snap.problems,
  invalidFiles: snap.invalidFiles,
});

describe('reading portfolios on worker threads', () => {
  it('gives the snapshot the one-thread read gives: same cases, same order, same problems', async () => {
    const dir = await troubledPortfolio();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    const parallel = await readPortfoliosInParallel(dir, readers(dir, { today, displayRoot: dir }), { today, displayRoot: dir });
    expect(plain(parallel)).toEqual(plain(alone));
    // The portfolio really has each kind of problem, and the valid content is there.
    expect([...parallel.cases.keys()]).toEqual(['ana-one', 'ana-two', 'cid-one']);
    expect(parallel.problems.map((p) => p.file).sort()).toEqual([
      'Dora Reis/practitioner.yaml',
      'ana-lopes/cases/Not A URL/case.yaml',
      'ana-lopes/cases/bad-yaml/case.yaml',
      'ana-lopes/cases/no-photo/case.yaml',
      'bea-costa/practitioner.yaml',
      'cid-moura/cases/ana-one/case.yaml',
      'cid-moura/cases/empty-folder/case.yaml',
    ]);
    expect(parallel.problems.find((p) => p.file.endsWith('bad-yaml/case.yaml'))?.message).toMatch(/is not valid YAML/);
  });

  it('reads on this thread what workers cannot, with the same result', async () => {
    const dir = await troubledPortfolio();
    const closed = readers(dir, { today, displayRoot: dir });
    await closed.close();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    expect(plain(await readPortfoliosInParallel(dir, closed, { today, displayRoot: dir }))).toEqual(plain(alone));
  });

  it('reads the shipped demo content as the one-thread read does', async () => {
    const dir = path.resolve('portfolios');
    const alone = await readPortfolios(dir);
    const parallel = await readPortfoliosInParallel(dir, readers(dir));
    expect(plain(parallel)).toEqual(plain(alone));
    expect(parallel.cases.size).toBeGreaterThan(20);
  });

  it('hands on each case the rank its reader computed: the one healedRank gives that case', async () => {
    const dir = path.resolve('portfolios');
    const ranked = new Map<PublishedCase, HealedRank>();
    const parallel = await readPortfoliosInParallel(dir, readers(dir), { onRank: (kase, rank) => ranked.set(kase as PublishedCase, rank) });
    // One rank for each case of the snapshot (the very objects listed), none for anything else.
    expect([...ranked.keys()]).toEqual([...parallel.cases.values()]);
    for (const [kase, rank] of ranked) expect(rank, kase.id).toEqual(healedRank(kase));
    // The shipped content has both kinds of case, so a rank swapped between cases would show.
    expect(new Set([...ranked.values()].map((r) => r.hasVerifiedHealed))).toEqual(new Set([true, false]));
  });
});
