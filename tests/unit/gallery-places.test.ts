import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPortfolios, type Practitioner, type PublishedCase } from '../../src/lib/content/index.ts';
import { placesOf, treatmentCounts } from '../../src/lib/gallery/index.ts';

const practitioner = (slug: string, country: string, city: string) => ({ slug, name: slug, country, city }) as Practitioner;
const cases = (slug: string, count: number, treatment = 'scar-correction') =>
  Array.from({ length: count }, (_, i) => ({ id: `${slug}-${i}`, practitionerSlug: slug, treatment }) as PublishedCase);

describe('places and treatment counts of the home and location pages', () => {
  it('counts cases per country and city, biggest first, one city whatever its spelling', () => {
    const people = [practitioner('ana', 'PT', 'Lisbon'), practitioner('rui', 'pt', 'lisbon'), practitioner('eva', 'PT', 'Porto'), practitioner('li', 'GB', 'Leeds'), practitioner('no-cases', 'FR', 'Paris')];
    const places = placesOf(people, [...cases('ana', 2), ...cases('eva', 4), ...cases('rui', 3), ...cases('li', 1), ...cases('unknown', 5)]);
    expect(places.map((c) => [c.code, c.cases])).toEqual([['pt', 9], ['gb', 1]]);
    // Lisbon's two spellings are one city, named as the first practitioner there writes it.
    expect(places[0]!.cities).toEqual([
      { name: 'Lisbon', slug: 'lisbon', url: '/locations/pt/lisbon/', cases: 5 },
      { name: 'Porto', slug: 'porto', url: '/locations/pt/porto/', cases: 4 },
    ]);
  });

  it('agrees with counting the shipped portfolios case by case', async () => {
    const snap = await readPortfolios(path.resolve('portfolios'));
    const all = [...snap.cases.values()];
    const practitioners = [...snap.practitioners.values()];
    const places = placesOf(practitioners, all);
    for (const country of places) {
      const inCountry = all.filter((c) => snap.practitioners.get(c.practitionerSlug)!.country.toLowerCase() === country.code);
      expect(country.cases, country.code).toBe(inCountry.length);
      expect(country.cities.reduce((sum, city) => sum + city.cases, 0), country.code).toBe(inCountry.length);
    }
    expect(places.reduce((sum, c) => sum + c.cases, 0)).toBe(all.length);
    for (const { treatment, cases: count } of treatmentCounts(all)) expect(count, treatment).toBe(all.filter((c) => c.treatment === treatment).length);
  });
});
