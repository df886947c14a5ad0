/** Words the search page shows for stages, treatments and places. Pure, bundled with the island. */
import { treatmentLabels, type Stage, type Treatment } from '../../../lib/content/vocabulary.ts';

export { treatmentLabels };

/** A place a visitor can search near: a city where practitioners work. */
export interface Place {
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Country name in English. */
  countryName: string;
  lat: number;
  lng: number;
}

/** The `near` value of a place, as the form sends it (rounded like url-state.ts, so they compare equal). */
export const placeValue = (place: { lat: number; lng: number }) => `${round4(place.lat)},${round4(place.lng)}`;

const round4 = (degrees: number) => Math.round(degrees * 1e4) / 1e4;

/**
 * The card's stage badge. The indexed stage is the best one backed by a verified (EXIF) date, so
 * "Healed · N days" is only ever shown for a verified healed or long-term photo.
 */
export function stageBadgeText(stage: Stage, daysHealed: number): { text: string; earned: boolean } {
  if (stage === 'healed') return { text: `Healed · ${daysHealed} days`, earned: true };
  if (stage === 'long-term') return { text: `Long-term · ${daysHealed} days`, earned: true };
  if (stage === 'before') return { text: 'No verified photo after treatment yet', earned: false };
  return { text: `${stage === 'fresh' ? 'Fresh' : 'Settling'}: not healed yet`, earned: false };
}

/** "Alopecia areata" for `alopecia-areata`. */
export const treatmentLabel = (treatment: Treatment) => treatmentLabels[treatment] ?? treatment;

/** "Fitzpatrick III". */
export const fitzpatrickLabel = (type: string) => `Type ${type}`;

/** "12 cases", "1 case". */
export const casesText = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'case' : 'cases'}`;
