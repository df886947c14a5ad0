import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContentRepository, readPortfolios, type ContentSnapshot, type ListedCase, type PublishedCase } from '../../src/lib/content/index.ts';
import { createFolderPool, type FolderPool } from '../../src/lib/content/folder-pool.ts';
import { completeFromHeld, readListingInParallel } from '../../src/lib/content/read-in-parallel.ts';
import { inListingOrder, listingRank } from '../../src/lib/gallery/index.ts';
import { rememberRank } from '../../src/lib/gallery/listing-order.ts';
import { openParseCache } from '../../src/lib/db/index.ts';
import { healedRank, type HealedRank } from '../../src/lib/trust/index.ts';
import { caseYaml, photoYaml, practitionerYaml, writePortfolio } from '../factories/content.ts';

const today = new Date('2026-06-01T12:00:00Z');
const pools: FolderPool[] = [];
const dataDirs: string[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A DATA_DIR of a first start: its parse cache is empty. */
function emptyDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'healed-listing-first-'));
  dataDirs.push(dir);
  return dir;
}

/** Two readers for this portfolio, with a parse cache when `cacheDir` is given. */
function readers(portfoliosDir: string, cacheDir?: string): FolderPool {
  const pool = createFolderPool(2, { portfoliosDir, cacheDir, options: { today, displayRoot: portfoliosDir } });
  pools.push(pool);
  return pool;
}

/** Valid cases of three practitioners beside an invalid one, a case id taken twice and a bad practitioner. */
async function portfolio(): Promise<string> {
  const cases = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}-${i + 1}`, caseYaml({ publishedAt: `2025-0${(i % 9) + 1}-1${i % 10}`, notes: `${prefix} case ${i + 1}.` })]));
  return writePortfolio({
    'ana-lopes': { practitioner: practitionerYaml({ name: 'Ana Lopes' }), cases: { ...cases('ana', 7), 'no-photo': caseYaml({ photos: [photoYaml('lost.jpg', '2025-01-01')] }) } },
    'bea-costa': { practitioner: practitionerYaml({ name: 'Bea Costa', city: 'Lisbon', country: 'PT' }), cases: { ...cases('bea', 5), 'bea-fresh': caseYaml({ photos: [photoYaml('before.jpg', '2025-01-07'), photoYaml('fresh.jpg', '2025-02-02')] }) } },
    'cid-moura': { practitioner: practitionerYaml({ name: 'Cid Moura' }), cases: { 'ana-1': caseYaml(), ...cases('cid', 4) } },
    'dora-reis': { practitioner: practitionerYaml({ country: 'XX' }), cases: cases('dora', 2) },
  }, { skipPhotos: ['lost.jpg'] });
}

/** A snapshot as plain data, map orders included. */
const plain = (snap: ContentSnapshot) => ({ practitioners: [...snap.practitioners], cases: [...snap.cases], problems: snap.problems, invalidFiles: snap.invalidFiles });
const listedKeys = ['id', 'practitionerSlug', 'treatment', 'publishedAt'];

describe('a first start: the listing first, then the cases whole', () => {
  it('lists what a full read finds, each case as listings need it and ranked, then gives the full read', async () => {
    const dir = await portfolio();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    const pool = readers(dir, emptyDataDir());
    const ranks = new Map<string, HealedRank>();
    const listing = await readListingInParallel(dir, pool, { today, displayRoot: dir, onRank: (kase, rank) => ranks.set(kase.id, rank) });

    // Same practitioners, problems and case ids, in the same order; each case only as listings need it.
    expect([...listing.practitioners]).toEqual([...alone.practitioners]);
    expect(listing.problems).toEqual(alone.problems);
    expect(listing.invalidFiles).toBe(alone.invalidFiles);
    expect([...listing.cases.keys()]).toEqual([...alone.cases.keys()]);
    for (const [id, listed] of listing.cases) {
      const whole = alone.cases.get(id)!;
      expect(Object.keys(listed).sort(), id).toEqual([...listedKeys].sort());
      expect(listed).toEqual({ id, practitionerSlug: whole.practitionerSlug, treatment: whole.treatment, publishedAt: whole.publishedAt });
      expect(ranks.get(id), id).toEqual(healedRank(whole));
    }
    // The portfolio has both kinds of case, so a rank swapped between cases would show.
    expect(new Set([...ranks.values()].map((r) => r.hasVerifiedHealed))).toEqual(new Set([true, false]));
    expect(alone.problems.length).toBeGreaterThanOrEqual(3);

    expect(plain(await completeFromHeld(dir, pool, listing, { today, displayRoot: dir }))).toEqual(plain(alone));
  });

  it('hands on the cases its readers parsed for the listing: no case.yaml is read again', async () => {
    const dir = await portfolio();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    const pool = readers(dir, emptyDataDir());
    const listing = await readListingInParallel(dir, pool, { today, displayRoot: dir });
    // Every case.yaml made unreadable YAML after the listing: a second read would find none valid.
    for (const kase of alone.cases.values()) writeFileSync(path.join(dir, kase.practitionerSlug, 'cases', kase.id, 'case.yaml'), 'treatment: [unclosed\n');
    expect(plain(await completeFromHeld(dir, pool, listing, { today, displayRoot: dir }))).toEqual(plain(alone));
  });

  it('reads what no reader holds, and leaves out a case withdrawn in between, as a full read would', async () => {
    const dir = await portfolio();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    // Without a parse cache the readers hold nothing: every case is read again.
    const pool = readers(dir);
    const listing = await readListingInParallel(dir, pool, { today, displayRoot: dir });
    const withdrawn = alone.cases.get('bea-2')!;
    rmSync(path.join(dir, 'bea-costa', 'cases', 'bea-2'), { recursive: true });
    const notes = path.join(dir, 'cid-moura', 'cases', 'cid-1', 'case.yaml');
    writeFileSync(notes, readFileSync(notes, 'utf8').replace(/^notes: .*$/m, 'notes: Edited since it was listed.'));

    const full = await completeFromHeld(dir, pool, listing, { today, displayRoot: dir });
    expect([...full.cases.keys()]).toEqual([...alone.cases.keys()].filter((id) => id !== withdrawn.id));
    expect(full.cases.get('cid-1')!.notes).toBe('Edited since it was listed.');
    expect(full.cases.get('ana-3')).toEqual(alone.cases.get('ana-3'));
    expect(full.problems.slice(alone.problems.length)).toEqual([expect.objectContaining({ file: 'bea-costa/cases/bea-2/case.yaml', message: 'is missing' })]);
  });

  it('a repository answers listings, practitioners and single cases of a first start before its cases are whole', async () => {
    const dir = await portfolio();
    const alone = await readPortfolios(dir, { today, displayRoot: dir });
    const content = createContentRepository({ portfoliosDir: dir, readers: 2, cacheDir: emptyDataDir(), onRank: rememberRank });
    const listed = await content.listing();
    // Answered from the listing: cases as listings need them (a whole case has photos).
    expect(listed.every((c) => !('photos' in c))).toBe(true);
    const firstCard = content.case(listed[0]!.id);
    const [byTreatment, inLisbon, practitioners] = await Promise.all([content.listing({ treatment: 'male-pattern-baldness' }), content.listing({ country: 'pt', city: 'lisbon' }), content.practitioners()]);

    // Then the same, whole.
    const snapshot = await content.snapshot();
    const ids = (cases: readonly ListedCase[]) => cases.map((c) => c.id);
    expect(ids(listed)).toEqual(ids(await content.cases()));
    expect(ids(listed).sort()).toEqual([...alone.cases.keys()].sort());
    expect(ids(byTreatment)).toEqual(ids(await content.cases({ treatment: 'male-pattern-baldness' })));
    expect(ids(inLisbon)).toEqual(ids(await content.cases({ country: 'pt', city: 'lisbon' })));
    expect(ids(inLisbon).length).toBeGreaterThan(0);
    expect(practitioners).toEqual(await content.practitioners());
    expect(await firstCard).toEqual(snapshot.cases.get(listed[0]!.id));
    // Listed cases came ranked as their whole selves rank, so a listing's order is the same.
    expect(ids(inListingOrder(listed))).toEqual(ids(inListingOrder(await content.cases())));
    for (const c of listed) expect(listingRank(c), c.id).toEqual(healedRank(snapshot.cases.get(c.id) as PublishedCase));
    expect((await content.listing()).every((c) => 'photos' in c)).toBe(true);
  });

  it('a restart (parse cache filled) reads once, whole', async () => {
    const dir = await portfolio();
    const cacheDir = emptyDataDir();
    await createContentRepository({ portfoliosDir: dir, readers: 2, cacheDir, onRank: rememberRank }).snapshot();
    // The first start's readers write their rows as they end; wait for them.
    await expect.poll(() => cacheFilled(cacheDir), { timeout: 10_000 }).toBe(true);
    const content = createContentRepository({ portfoliosDir: dir, readers: 2, cacheDir, onRank: rememberRank });
    expect((await content.listing()).every((c) => 'photos' in c)).toBe(true);
  });
});

/** Whether the parse cache under `dataDir` has rows. */
function cacheFilled(dataDir: string): boolean {
  const cache = openParseCache(dataDir);
  cache.close();
  return !cache.empty;
}
