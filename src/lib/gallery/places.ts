import type { Practitioner, PublishedCase } from '../content/index.ts';
import { countryName, placeSlug, treatments, type Treatment } from '../content/index.ts';

/** A country with its cities and case counts, for location pages. */
export interface CountryEntry {
  code: string;
  name: string;
  url: string;
  cases: number;
  cities: { name: string; slug: string; url: string; cases: number }[];
}

/** Countries and cities that have published cases, biggest first. Pure. */
export function placesOf(practitioners: Practitioner[], cases: PublishedCase[]): CountryEntry[] {
  const bySlug = new Map(practitioners.map((p) => [p.slug, p]));
  const countries = new Map<string, CountryEntry>();
  for (const c of cases) {
    const p = bySlug.get(c.practitionerSlug);
    if (!p) continue;
    const code = p.country.toLowerCase();
    const country = countries.get(code) ?? { code, name: countryName(code), url: `/locations/${code}/`, cases: 0, cities: [] };
    countries.set(code, country);
    country.cases++;
    const slug = placeSlug(p.city);
    let city = country.cities.find((x) => x.slug === slug);
    if (!city) country.cities.push((city = { name: p.city, slug, url: `/locations/${code}/${slug}/`, cases: 0 }));
    city.cases++;
  }
  const list = [...countries.values()].sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
  list.forEach((c) => c.cities.sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name)));
  return list;
}

/** Case counts per treatment, every treatment listed (zero included). Pure. */
export function treatmentCounts(cases: PublishedCase[]): { treatment: Treatment; cases: number }[] {
  return treatments.map((treatment) => ({ treatment, cases: cases.filter((c) => c.treatment === treatment).length }));
}
