import { describe, expect, it } from 'vitest';
import { createCompareService } from '../../src/lib/compare/index.ts';
import type { ContentRepository, Practitioner, PublishedCase } from '../../src/lib/content/index.ts';
import { createEmbeddedSearchIndex } from '../../src/lib/search/embedded.ts';
import type { CaseDocument } from '../../src/lib/search/types.ts';
import { caseDocument, places } from '../factories/search.ts';

/** A practitioner as content holds it, at a place of the search factory. */
const practitioner = (slug: string, name: string, place: (typeof places)[keyof typeof places] = places.pune, verifiedCredentials = 0): Practitioner =>
  ({ slug, name, city: place.city, country: place.country, geo: { lat: place.lat, lng: place.lng }, bio: '', languages: [], credentials: Array.from({ length: verifiedCredentials }, (_, i) => ({ title: `C${i}`, issuer: 'I', year: 2020, verified: true })) }) as unknown as Practitioner;

async function service(docs: CaseDocument[], practitioners: Practitioner[]) {
  const search = createEmbeddedSearchIndex();
  await search.init();
  await search.replaceAll(docs);
  const content = {
    practitioner: async (slug: string) => practitioners.find((p) => p.slug === slug),
    cases: async () => [] as PublishedCase[],
  } as unknown as ContentRepository;
  return { compare: createCompareService({ search, content }).compare, search };
}

const mpb = (id: string, slug: string, norwood: number, fitzpatrick: CaseDocument['fitzpatrick'], healedDays: number) =>
  caseDocument({ id, practitionerSlug: slug, practitionerName: slug, treatment: 'male-pattern-baldness', norwood, fitzpatrick, verifiedHealed: healedDays >= 56, stage: healedDays >= 56 ? 'healed' : 'settling', daysHealed: healedDays >= 56 ? healedDays : 0 });

describe('compare', () => {
  it('ranks by healed matching cases, then matching cases, then the longest follow-up, with counts equal to search totals', async () => {
    const docs = [
      mpb('a1', 'ana', 5, 'III', 90), mpb('a2', 'ana', 5, 'III', 400), mpb('a3', 'ana', 5, 'III', 10),
      mpb('b1', 'ben', 5, 'III', 70), mpb('b2', 'ben', 5, 'III', 80),
      mpb('c1', 'cai', 5, 'III', 0), mpb('c2', 'cai', 5, 'III', 0), mpb('c3', 'cai', 5, 'III', 0), mpb('c4', 'cai', 5, 'III', 0),
      mpb('d1', 'dee', 6, 'III', 300),
    ];
    const { compare, search } = await service(docs, ['ana', 'ben', 'cai', 'dee'].map((s) => practitioner(s, s.toUpperCase())));
    const result = await compare({ treatment: ['male-pattern-baldness'], norwood: [5], fitzpatrick: ['III'] });
    expect(result.widened).toBe(false);
    expect(result.total).toBe(3);
    expect(result.practitioners.map((p) => [p.slug, p.healedMatchingCases, p.matchingCases, p.longestHealedDays])).toEqual([
      ['ana', 2, 3, 400],
      ['ben', 2, 2, 80],
      ['cai', 0, 4, 0],
    ]);
    expect(result.practitioners[0]!.bestCase).toEqual({ id: 'a2', url: '/cases/a2/' });
    for (const p of result.practitioners) {
      const total = (await search.search({ treatment: ['male-pattern-baldness'], norwood: [5], fitzpatrick: ['III'], practitioner: [p.slug], perPage: 1 })).total;
      expect(p.matchingCases, p.slug).toBe(total);
    }
  });

  it('widens Norwood and Fitzpatrick one step when fewer than three practitioners match, and says so', async () => {
    const docs = [mpb('a1', 'ana', 5, 'III', 90), mpb('b1', 'ben', 4, 'IV', 90), mpb('c1', 'cai', 6, 'II', 90), mpb('d1', 'dee', 2, 'III', 90)];
    const { compare } = await service(docs, ['ana', 'ben', 'cai', 'dee'].map((s) => practitioner(s, s)));
    const result = await compare({ norwood: [5], fitzpatrick: ['III'] });
    expect(result.widened).toBe(true);
    expect(result.practitioners.map((p) => p.slug).sort()).toEqual(['ana', 'ben', 'cai']);
    const exact = await compare({ norwood: [4, 5, 6], fitzpatrick: ['II', 'III', 'IV'] });
    expect(exact.widened).toBe(false);
  });

  it('breaks ties by name and reports distance, credentials and an empty answer', async () => {
    const docs = [mpb('z1', 'zoe', 5, 'III', 90), mpb('e1', 'eve', 5, 'III', 90), mpb('m1', 'max', 5, 'III', 90)];
    const { compare } = await service(docs, [practitioner('zoe', 'Zoë Adams', places.london, 2), practitioner('eve', 'Eve Brown'), practitioner('max', 'Max Abbott')]);
    const result = await compare({ norwood: [5], near: { lat: places.london.lat, lng: places.london.lng } });
    expect(result.practitioners.map((p) => p.name)).toEqual(['Eve Brown', 'Max Abbott', 'Zoë Adams']);
    expect(result.practitioners[2]).toMatchObject({ distanceKm: 0, verifiedCredentials: 2 });
    expect(result.practitioners[0]!.distanceKm).toBeGreaterThan(7000);
    expect(await compare({ treatment: ['scar-correction'] })).toEqual({ practitioners: [], total: 0, widened: false });
  });
});
