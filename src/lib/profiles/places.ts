import { demoCities } from '../demo/places.ts';

/** A city a practitioner may say they practise in, with the centre "near me" searches measure from. */
export interface ProfilePlace {
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lng: number;
}

/**
 * The place list profiles choose from: cities with real coordinates, so distances and "near"
 * searches are right without asking practitioners for latitudes. (The demo generator draws its
 * practitioners from the same list.)
 */
export const profilePlaces: readonly ProfilePlace[] = demoCities.map(({ city, country, lat, lng }) => ({ city, country, lat, lng }));

/** The value a form sends for a place: `<country>/<city>`. */
export const placeKey = (place: { city: string; country: string }) => `${place.country}/${place.city}`;

/** The listed place with this key, if any. */
export function findPlace(key: string): ProfilePlace | undefined {
  return profilePlaces.find((place) => placeKey(place) === key);
}
