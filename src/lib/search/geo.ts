/** Great-circle distances for the radius filter, the distance sort and `distanceKm` on hits. */

/**
 * Mean Earth radius (IUGG), in km. Meilisearch's haversine uses the same sphere, so a case at the
 * edge of a radius is in or out in both engines alike (within metres).
 */
export const earthRadiusKm = 6371.0088;

const toRadians = Math.PI / 180;

/** Haversine distance in km between two points given in degrees. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * toRadians;
  const dLng = (lng2 - lng1) * toRadians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRadians) * Math.cos(lat2 * toRadians) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A lower bound of the distance from latitudes alone (no trigonometry): any two points are at
 * least this far apart along a meridian, so a point beyond the radius by latitude can be skipped.
 */
export function latitudeGapKm(lat1: number, lat2: number): number {
  return Math.abs(lat2 - lat1) * toRadians * earthRadiusKm;
}

/** `distanceKm` as shown on hits: metre precision is plenty and keeps JSON short. */
export function roundKm(km: number): number {
  return Math.round(km * 1000) / 1000;
}
