/**
 * Distances and rounding shared by the server and the browser (no imports: keep it tiny, it
 * ships with the "use my location" button).
 */

export interface LatLng {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_MILES = 3958.8;
const KM_PER_MILE = 1.609344;

/** Great-circle distance in miles. */
export function haversineMiles(a: LatLng, b: LatLng): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude - a.latitude);
  const dLng = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Rounds a coordinate. Two decimals is ~1.1 km of latitude: enough to sort offices by
 * distance, too coarse to point at someone's home. The browser rounds before sending a
 * position and the server rounds again, so no finer position is ever kept.
 */
export function roundCoordinate(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  // Math.round rounds -73.875 up to -73.87; round the magnitude so both signs behave alike.
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function milesToKm(miles: number): number {
  return miles * KM_PER_MILE;
}
