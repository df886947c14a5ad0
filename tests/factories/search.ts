import { countryName } from '../../src/lib/content/slug.ts';
import { treatmentLabels } from '../../src/lib/content/vocabulary.ts';
import type { CaseDocument } from '../../src/lib/search/types.ts';

/** Real city centres the contract corpus uses (degrees). */
export const places = {
  pune: { city: 'Pune', country: 'IN', lat: 18.5204, lng: 73.8567 },
  mumbai: { city: 'Mumbai', country: 'IN', lat: 19.076, lng: 72.8777 },
  london: { city: 'London', country: 'GB', lat: 51.5074, lng: -0.1278 },
  saoPaulo: { city: 'São Paulo', country: 'BR', lat: -23.5505, lng: -46.6333 },
  madrid: { city: 'Madrid', country: 'ES', lat: 40.4168, lng: -3.7038 },
  austin: { city: 'Austin', country: 'US', lat: 30.2672, lng: -97.7431 },
} as const;

type Place = (typeof places)[keyof typeof places];

/** Unix seconds of a YYYY-MM-DD day. */
export const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** Options of `caseDocument`: the place and notes shape the searchable text. */
export type CaseDocumentSpec = Partial<Omit<CaseDocument, 'city' | 'country' | '_geo'>> & { id: string; place?: Place; notes?: string };

/**
 * A valid search document; override any field. `text` is composed as the real builder composes
 * it (practitioner, clinic, city, country name, treatment label, notes) unless given.
 */
export function caseDocument({ place = places.pune, notes = '', ...overrides }: CaseDocumentSpec): CaseDocument {
  const base = {
    url: `/cases/${overrides.id}/`,
    practitionerSlug: 'test-practitioner',
    practitionerName: 'Test Practitioner',
    treatment: 'male-pattern-baldness' as const,
    fitzpatrick: 'III' as const,
    stage: 'healed' as const,
    verifiedHealed: true,
    clientConfirmed: false,
    evidence: 'camera-original' as const,
    daysHealed: 90,
    lastSessionAt: day('2025-01-01'),
    publishedAt: day('2025-06-01'),
    ...overrides,
  };
  const text = [base.practitionerName, base.clinic, place.city, countryName(place.country), treatmentLabels[base.treatment], notes].filter(Boolean).join('\n');
  return { ...base, city: place.city, country: place.country, _geo: { lat: place.lat, lng: place.lng }, text: overrides.text ?? text };
}

/**
 * The contract corpus: 12 cases in 6 cities, with words chosen for the typo rules (alopecia,
 * scar, hairline, keloid, Pune) and nothing that starts with "scra" or "puen".
 */
export function contractCorpus(): CaseDocument[] {
  const { pune, mumbai, london, saoPaulo, madrid, austin } = places;
  return [
    caseDocument({ id: 'pune-alopecia-1', place: pune, practitionerSlug: 'priya-deshpande', practitionerName: 'Priya Deshpande', clinic: 'Deccan Scalp Studio', treatment: 'alopecia-areata', fitzpatrick: 'IV', stage: 'healed', daysHealed: 120, publishedAt: day('2025-05-01'), notes: 'Patchy alopecia on the crown; pigment blended into the hairline.' }),
    caseDocument({ id: 'pune-scar-1', place: pune, practitionerSlug: 'priya-deshpande', practitionerName: 'Priya Deshpande', clinic: 'Deccan Scalp Studio', treatment: 'scar-correction', scarType: 'fue', fitzpatrick: 'IV', stage: 'long-term', daysHealed: 400, clientConfirmed: true, publishedAt: day('2025-02-10'), notes: 'FUE scar camouflage; one raised keloid stayed visible.' }),
    caseDocument({ id: 'pune-mpb-1', place: pune, practitionerSlug: 'rohan-kulkarni', practitionerName: 'Rohan Kulkarni', clinic: 'Kothrud SMP', treatment: 'male-pattern-baldness', norwood: 5, fitzpatrick: 'III', stage: 'settling', verifiedHealed: false, evidence: 'declared', daysHealed: 0, publishedAt: day('2025-06-20'), notes: 'Two sessions, density on top.' }),
    caseDocument({ id: 'mumbai-alopecia-1', place: mumbai, practitionerSlug: 'arjun-mehta', practitionerName: 'Arjun Mehta', treatment: 'alopecia-areata', fitzpatrick: 'V', stage: 'healed', daysHealed: 90, publishedAt: day('2025-03-15'), notes: 'Alopecia universalis client, full density.' }),
    caseDocument({ id: 'mumbai-transplant-1', place: mumbai, practitionerSlug: 'arjun-mehta', practitionerName: 'Arjun Mehta', treatment: 'post-transplant-density', norwood: 3, fitzpatrick: 'IV', stage: 'fresh', verifiedHealed: false, evidence: 'edited', daysHealed: 0, publishedAt: day('2025-07-01'), notes: 'Added density behind a post-transplant hairline.' }),
    caseDocument({ id: 'london-mpb-1', place: london, practitionerSlug: 'sophie-hughes', practitionerName: 'Sophie Hughes', clinic: 'Hughes Hairline Clinic', treatment: 'male-pattern-baldness', norwood: 6, fitzpatrick: 'II', stage: 'healed', daysHealed: 200, publishedAt: day('2024-11-05'), notes: 'Norwood six, soft edges.' }),
    caseDocument({ id: 'london-female-1', place: london, practitionerSlug: 'sophie-hughes', practitionerName: 'Sophie Hughes', clinic: 'Hughes Hairline Clinic', treatment: 'female-hair-loss', ludwig: 'II', fitzpatrick: 'I', stage: 'healed', evidence: 'signed-capture', daysHealed: 70, publishedAt: day('2025-01-20'), notes: 'Diffuse thinning along the parting.' }),
    caseDocument({ id: 'london-alopecia-1', place: london, practitionerSlug: 'ben-carter', practitionerName: 'Ben Carter', treatment: 'alopecia-areata', fitzpatrick: 'III', stage: 'long-term', daysHealed: 500, publishedAt: day('2024-08-30'), notes: 'Alopecia totalis, hairline softened at each session.' }),
    caseDocument({ id: 'saopaulo-scar-1', place: saoPaulo, practitionerSlug: 'ana-ribeiro', practitionerName: 'Ana Ribeiro', clinic: 'Clínica Ribeiro', treatment: 'scar-correction', scarType: 'fut', fitzpatrick: 'III', stage: 'healed', daysHealed: 150, publishedAt: day('2025-04-12'), notes: 'FUT scar, linear, twelve centimetres.' }),
    caseDocument({ id: 'saopaulo-mpb-1', place: saoPaulo, practitionerSlug: 'alvaro-garcia', practitionerName: 'Álvaro García', treatment: 'male-pattern-baldness', norwood: 4, fitzpatrick: 'IV', stage: 'before', verifiedHealed: false, daysHealed: 0, publishedAt: day('2025-08-01'), notes: 'Photos before the first session only.' }),
    caseDocument({ id: 'madrid-female-1', place: madrid, practitionerSlug: 'lucia-moreno', practitionerName: 'Lucía Moreno', treatment: 'female-hair-loss', ludwig: 'I', fitzpatrick: 'III', stage: 'healed', daysHealed: 60, clientConfirmed: true, publishedAt: day('2025-05-25'), notes: 'Early thinning at the temples.' }),
    caseDocument({ id: 'austin-transplant-1', place: austin, practitionerSlug: 'marcus-reed', practitionerName: 'Marcus Reed', treatment: 'post-transplant-density', norwood: 2, fitzpatrick: 'VI', stage: 'settling', verifiedHealed: false, daysHealed: 0, publishedAt: day('2025-03-01'), notes: 'Density between grafts.' }),
  ];
}
