import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContentRepository, readPortfolios, type PublishedCase } from '../../src/lib/content/index.ts';
import { shippedPortfoliosCopy } from '../factories/content.ts';

const copy = shippedPortfoliosCopy('repository');

/** Rewrites one line of a content file, as an editor (or the publish flow) would. */
function rewrite(file: string, pattern: RegExp, line: string): void {
  const text = readFileSync(file, 'utf8');
  if (!pattern.test(text)) throw new Error(`${file} has no line matching ${pattern}`);
  writeFileSync(file, text.replace(pattern, line));
}

const ids = (cases: PublishedCase[]) => cases.map((c) => c.id);
const newestFirst = (cases: Iterable<PublishedCase>) =>
  [...cases].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.id.localeCompare(b.id)).map((c) => c.id);

describe('content repository orders', () => {
  it('lists cases newest first, and follows a case that is republished or withdrawn', async () => {
    const { portfoliosDir } = copy;
    const content = createContentRepository({ portfoliosDir });
    const snapshot = await content.snapshot();
    expect(ids(await content.cases())).toEqual(newestFirst(snapshot.cases.values()));
    const treatment = 'post-transplant-density';
    expect(ids(await content.cases({ treatment }))).toEqual(newestFirst([...snapshot.cases.values()].filter((c) => c.treatment === treatment)));
    expect(ids(await content.cases({ practitioner: 'sophie-hughes' }))).toEqual(newestFirst([...snapshot.cases.values()].filter((c) => c.practitionerSlug === 'sophie-hughes')));
    expect(await content.cases({ practitioner: 'no-such-practitioner' })).toEqual([]);

    // A caller that sorts or empties its list does not change the next caller's.
    (await content.cases()).reverse().length = 0;
    expect(ids(await content.cases())).toEqual(newestFirst(snapshot.cases.values()));

    const caseFile = path.join(portfoliosDir, 'sophie-hughes/cases/sophie-hughes-ptd-1/case.yaml');
    const latest = Math.max(...[...snapshot.cases.values()].map((c) => c.publishedAt.getTime()));
    const newer = new Date(latest + 86_400_000).toISOString().slice(0, 10);
    rewrite(caseFile, /^publishedAt: .*$/m, `publishedAt: ${newer}`);
    expect(await content.refreshCase('sophie-hughes', 'sophie-hughes-ptd-1')).toBe(true);
    expect(ids(await content.cases())[0]).toBe('sophie-hughes-ptd-1');
    expect(ids(await content.cases({ treatment }))[0]).toBe('sophie-hughes-ptd-1');

    rmSync(path.dirname(caseFile), { recursive: true });
    expect(await content.refreshCase('sophie-hughes', 'sophie-hughes-ptd-1')).toBe(false);
    expect(ids(await content.cases())).not.toContain('sophie-hughes-ptd-1');
    expect(ids(await content.cases({ practitioner: 'sophie-hughes' }))).not.toContain('sophie-hughes-ptd-1');
  });

  it('lists practitioners by name, and follows a renamed one', async () => {
    const { portfoliosDir } = copy;
    const content = createContentRepository({ portfoliosDir });
    const before = (await content.practitioners()).map((p) => p.slug);
    expect(before).toContain('sophie-hughes');
    expect(before[0]).not.toBe('sophie-hughes');

    rewrite(path.join(portfoliosDir, 'sophie-hughes/practitioner.yaml'), /^name: .*$/m, 'name: Aaliyah Hughes');
    await content.refreshPractitioner('sophie-hughes');
    const after = await content.practitioners();
    expect(after[0]!.slug).toBe('sophie-hughes');
    expect(after[0]!.name).toBe('Aaliyah Hughes');
  });

  it('reads on reader threads the same content the one-thread read gives, whichever page asked first', async () => {
    const { portfoliosDir } = copy;
    const content = createContentRepository({ portfoliosDir, readers: 2 });
    // A single page before the full read lists the folders; the full read then reuses that listing.
    const early = await content.case('sophie-hughes-ptd-1');
    const snapshot = await content.snapshot();
    const alone = await readPortfolios(portfoliosDir);
    expect(early).toEqual(alone.cases.get('sophie-hughes-ptd-1'));
    expect([...snapshot.cases.keys()]).toEqual([...alone.cases.keys()]);
    expect([...snapshot.practitioners.keys()]).toEqual([...alone.practitioners.keys()]);
    expect(snapshot.problems).toEqual(alone.problems);
  });
});
