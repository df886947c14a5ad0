import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContentRepository } from '../../src/lib/content/index.ts';

const portfoliosDir = path.resolve('portfolios');

describe('content repository before its full read', () => {
  it('answers one case, one practitioner and one practitioner\'s cases from their folders, as the full read will', async () => {
    const early = createContentRepository({ portfoliosDir });
    const kase = await early.case('sophie-hughes-ptd-1');
    const practitioner = await early.practitioner('sophie-hughes');
    const theirs = await early.cases({ practitioner: 'sophie-hughes' });
    expect(await early.case('no-such-case')).toBeUndefined();

    const full = createContentRepository({ portfoliosDir });
    const snapshot = await full.snapshot();
    expect(kase).toEqual(snapshot.cases.get('sophie-hughes-ptd-1'));
    expect(practitioner).toEqual(snapshot.practitioners.get('sophie-hughes'));
    expect(theirs.map((c) => c.id)).toEqual((await full.cases({ practitioner: 'sophie-hughes' })).map((c) => c.id));
    expect(theirs.length).toBeGreaterThan(0);
  });
});
