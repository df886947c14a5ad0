import type { Practitioner } from '../content/index.ts';

/** A city a client can search or compare "near": its name, country and centre. */
export interface NearPlace {
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Country name in English. */
  countryName: string;
  lat: number;
  lng: number;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** One entry per city with practitioners (the first practitioner's clinic stands for the city), by name. Pure. */
export function nearPlaces(practitioners: readonly Practitioner[]): NearPlace[] {
  const places = new Map<string, NearPlace>();
  for (const p of practitioners) {
    const key = `${p.country}/${p.city.toLowerCase()}`;
    if (!places.has(key)) places.set(key, { city: p.city, country: p.country, countryName: regionNames.of(p.country) ?? p.country, lat: p.geo.lat, lng: p.geo.lng });
  }
  return [...places.values()].sort((a, b) => a.city.localeCompare(b.city, 'en'));
}
