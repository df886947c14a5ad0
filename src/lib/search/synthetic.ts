import { countryName } from '../content/slug.ts';
import { treatmentLabels, type Stage, type Treatment } from '../content/vocabulary.ts';
import { namePools } from '../demo/places.ts';
import { createRandom, type Random } from '../demo/random.ts';
import type { CaseDocument } from './types.ts';

/**
 * Synthetic search documents for `npm run bench:search`: deterministic for a seed, with roughly
 * real shapes (5 treatments, 40 real cities in 10 countries, big cities busier, profiles that fit
 * the treatment, healing stages, five years of dates, practitioner notes).
 */

type Pool = keyof typeof namePools;
/** [city, lat, lng, weight]: weights roughly follow how many clinics a city has. */
const countries: { code: string; pool: Pool; cities: [string, number, number, number][] }[] = [
  { code: 'IN', pool: 'in', cities: [['Pune', 18.5204, 73.8567, 6], ['Mumbai', 19.076, 72.8777, 9], ['Delhi', 28.6139, 77.209, 9], ['Bengaluru', 12.9716, 77.5946, 7], ['Hyderabad', 17.385, 78.4867, 5], ['Chennai', 13.0827, 80.2707, 4]] },
  { code: 'GB', pool: 'gb', cities: [['London', 51.5074, -0.1278, 10], ['Manchester', 53.4808, -2.2426, 4], ['Birmingham', 52.4862, -1.8904, 3], ['Glasgow', 55.8642, -4.2518, 2]] },
  { code: 'US', pool: 'us', cities: [['New York', 40.7128, -74.006, 10], ['Los Angeles', 34.0522, -118.2437, 8], ['Chicago', 41.8781, -87.6298, 5], ['Houston', 29.7604, -95.3698, 4], ['Austin', 30.2672, -97.7431, 3], ['Miami', 25.7617, -80.1918, 4]] },
  { code: 'BR', pool: 'br', cities: [['São Paulo', -23.5505, -46.6333, 8], ['Rio de Janeiro', -22.9068, -43.1729, 5], ['Belo Horizonte', -19.9167, -43.9345, 2], ['Brasília', -15.7939, -47.8828, 2]] },
  { code: 'ES', pool: 'es', cities: [['Madrid', 40.4168, -3.7038, 5], ['Barcelona', 41.3874, 2.1686, 5], ['Valencia', 39.4699, -0.3763, 2], ['Sevilla', 37.3891, -5.9845, 2]] },
  { code: 'DE', pool: 'de', cities: [['Berlin', 52.52, 13.405, 4], ['München', 48.1351, 11.582, 3], ['Hamburg', 53.5511, 9.9937, 2], ['Köln', 50.9375, 6.9603, 2]] },
  { code: 'AE', pool: 'ae', cities: [['Dubai', 25.2048, 55.2708, 6], ['Abu Dhabi', 24.4539, 54.3773, 2]] },
  { code: 'MX', pool: 'es', cities: [['Mexico City', 19.4326, -99.1332, 5], ['Guadalajara', 20.6597, -103.3496, 2], ['Monterrey', 25.6866, -100.3161, 2]] },
  { code: 'AU', pool: 'gb', cities: [['Sydney', -33.8688, 151.2093, 4], ['Melbourne', -37.8136, 144.9631, 3], ['Brisbane', -27.4698, 153.0251, 2]] },
  { code: 'CA', pool: 'us', cities: [['Toronto', 43.6532, -79.3832, 4], ['Vancouver', 49.2827, -123.1207, 3], ['Montréal', 45.5017, -73.5673, 2], ['Calgary', 51.0447, -114.0719, 1]] },
];

/** Every synthetic city with its country, for benchmark queries near real places. */
export const syntheticCities = countries.flatMap((c) => c.cities.map(([city, lat, lng, weight]) => ({ city, country: c.code, pool: c.pool, lat, lng, weight })));

const treatmentShare: [Treatment, number][] = [['male-pattern-baldness', 45], ['female-hair-loss', 15], ['post-transplant-density', 15], ['scar-correction', 15], ['alopecia-areata', 10]];
const stageShare: [Stage, number][] = [['before', 5], ['fresh', 10], ['settling', 15], ['healed', 50], ['long-term', 20]];
const fitzpatricks = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
const clinicWords = ['Scalp', 'Hairline', 'Follicle', 'Density', 'Studio', 'Clinic', 'Ink', 'Pigment', 'Micro', 'Crown'];
const noteWords = (
  'pigment needle hairline crown temples density blend stubble shade dots session sessions touch-up healed fading soft edges ' +
  'scar keloid camouflage donor strip linear grafts diffuse thinning parting patchy alopecia universalis totalis client ' +
  'sensitive skin oily dry redness settled natural defined matte grey darker lighter three two four weeks months follow-up'
).split(' ');

const day = 86_400;

/** One synthetic document. */
function syntheticCase(r: Random, i: number, practitioners: { name: string; slug: string; clinic?: string; city: (typeof syntheticCities)[number] }[]): CaseDocument {
  const p = r.pick(practitioners);
  const treatment = r.weighted(treatmentShare);
  const stage = r.weighted(stageShare);
  const verifiedHealed = (stage === 'healed' || stage === 'long-term') && r.chance(0.9);
  const publishedAt = Date.UTC(2021, 0, 1) / 1000 + r.int(0, 5 * 365) * day;
  const daysHealed = !verifiedHealed ? 0 : stage === 'healed' ? r.int(56, 364) : r.int(365, 1400);
  const notes = Array.from({ length: r.int(8, 30) }, () => r.pick(noteWords)).join(' ');
  const id = `case-${String(i).padStart(6, '0')}`;
  const doc: CaseDocument = {
    id, url: `/cases/${id}/`, practitionerSlug: p.slug, practitionerName: p.name, treatment, city: p.city.city, country: p.city.country,
    _geo: { lat: p.city.lat + (r.next() - 0.5) * 0.1, lng: p.city.lng + (r.next() - 0.5) * 0.1 },
    fitzpatrick: r.pick(fitzpatricks), stage: verifiedHealed || stage === 'before' ? stage : r.pick(['fresh', 'settling'] as const),
    // Without a draw of its own, so the rest of the corpus stays what earlier figures measured.
    verifiedHealed, clientConfirmed: verifiedHealed && i % 4 === 0, evidence: verifiedHealed ? r.weighted([['camera-original', 8], ['signed-capture', 2]] as const) : r.weighted([['declared', 3], ['edited', 1], ['camera-original', 4]] as const),
    daysHealed, lastSessionAt: publishedAt - daysHealed * day - r.int(0, 30) * day, publishedAt,
    thumbnail: `/img/${id}.avif`,
    text: [p.name, p.clinic, p.city.city, countryName(p.city.country), treatmentLabels[treatment], notes].filter(Boolean).join('\n'),
  };
  if (p.clinic) doc.clinic = p.clinic;
  if (treatment === 'male-pattern-baldness' || treatment === 'post-transplant-density') doc.norwood = r.int(2, 7);
  if (treatment === 'female-hair-loss') doc.ludwig = r.pick(['I', 'II', 'III'] as const);
  if (treatment === 'scar-correction') doc.scarType = r.pick(['fue', 'fut', 'injury'] as const);
  return doc;
}

/** `count` synthetic documents, about 25 cases per practitioner. Same seed, same documents. */
export function syntheticCaseDocuments(count: number, seed = 2026): CaseDocument[] {
  const r = createRandom(seed);
  const practitioners = Array.from({ length: Math.max(1, Math.round(count / 25)) }, (_, i) => {
    const city = r.weighted(syntheticCities.map((c) => [c, c.weight] as const));
    const pool = namePools[city.pool];
    const name = `${r.pick(pool.first)} ${r.pick(pool.last)}`;
    const clinic = r.chance(0.7) ? `${r.pick(clinicWords)} ${r.pick(clinicWords)} ${city.city}` : undefined;
    return { name, slug: `practitioner-${i}`, clinic, city };
  });
  return Array.from({ length: count }, (_, i) => syntheticCase(r, i, practitioners));
}
