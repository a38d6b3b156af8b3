import type { Parish } from './types.js';

/*
 * The parish of a position: the one whose centre is nearest. The reference data has centres for
 * most parishes, not all, so a position in a parish without one is given to a neighbour; a client
 * that knows the parish names it (`attribute[parish]`), and that always wins.
 */

/** Further than this from every parish centre is outside Rēzeknes novads (or too far to guess). */
export const MAX_DISTANCE_KM = 25;
const EARTH_RADIUS_KM = 6371;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The parish with the nearest centre within `MAX_DISTANCE_KM`, or undefined. */
export function nearestParish(
  position: { lat: number; lon: number },
  parishes: readonly Parish[],
): Parish | undefined {
  let best: { parish: Parish; km: number } | undefined;
  for (const parish of parishes) {
    if (parish.lat === null || parish.lon === null) continue;
    const km = distanceKm(position, { lat: parish.lat, lon: parish.lon });
    if (km <= MAX_DISTANCE_KM && (!best || km < best.km)) best = { parish, km };
  }
  return best?.parish;
}
