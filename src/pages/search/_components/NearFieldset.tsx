import type { SearchQuery } from '../../../lib/search/types.ts';
import { placeValue, type Place } from './labels.ts';

/** Radius choices in km; "" searches everywhere but still allows the distance sort. */
const radii = [10, 25, 50, 100, 250, 500];

interface Props {
  near: SearchQuery['near'];
  places: Place[];
  /** True once the island runs and the browser offers geolocation. */
  canLocate: boolean;
  /** A message about the last "near me" attempt. */
  locateMessage: string | null;
  onNear: (near: SearchQuery['near']) => void;
  onLocate: () => void;
}

/**
 * "Near": a city where practitioners work (a plain select, so it works without JavaScript) or the
 * visitor's own position from the browser, plus an optional radius.
 */
export default function NearFieldset({ near, places, canLocate, locateMessage, onNear, onLocate }: Props) {
  const value = near ? placeValue(near) : '';
  const known = places.some((place) => placeValue(place) === value);
  const onPlace = (text: string) => {
    const [lat, lng] = text.split(',').map(Number);
    onNear(text && lat !== undefined && lng !== undefined ? { lat, lng, radiusKm: near?.radiusKm } : undefined);
  };
  return (
    <fieldset className="facet near">
      <legend>Near</legend>
      <label htmlFor="search-near">Place</label>
      <select id="search-near" name="near" value={value} onChange={(event) => onPlace(event.currentTarget.value)}>
        <option value="">Anywhere</option>
        {near && !known && <option value={value}>Position {value.replace(',', ', ')}</option>}
        {places.map((place) => (
          <option key={placeValue(place)} value={placeValue(place)}>
            {place.city}, {place.countryName}
          </option>
        ))}
      </select>
      {/* Always rendered, so the island's start moves nothing (zero layout shift); usable once it can locate. */}
      <button type="button" className={canLocate ? 'locate' : 'locate unavailable'} disabled={!canLocate} onClick={onLocate}>
        Use my location
      </button>
      <label htmlFor="search-radius">Within</label>
      <select
        id="search-radius"
        name="radiusKm"
        value={near?.radiusKm === undefined ? '' : String(near.radiusKm)}
        disabled={!near}
        onChange={(event) => near && onNear({ lat: near.lat, lng: near.lng, radiusKm: event.currentTarget.value ? Number(event.currentTarget.value) : undefined })}
      >
        <option value="">Any distance</option>
        {near?.radiusKm !== undefined && !radii.includes(near.radiusKm) && <option value={String(near.radiusKm)}>{near.radiusKm} km</option>}
        {radii.map((km) => (
          <option key={km} value={String(km)}>
            {km} km
          </option>
        ))}
      </select>
      {locateMessage && <p className="hint" role="status">{locateMessage}</p>}
    </fieldset>
  );
}
