/*
 * A report's position as it is published. Positions are stored as doubles: a pin the demo data
 * or a map placed (a centre plus an offset, a projected click) carries binary noise such as
 * 56.567150000000005, which every file and answer printed as it was. Published, a position is
 * rounded to a fixed number of decimals, here and nowhere else.
 */

/** Six decimals: about 0.1 m, finer than any pin a phone or a map places. */
export const PUBLISHED_DECIMALS = 6;

/**
 * Degrees rounded to `decimals` places. An integer divided by a power of ten is the double
 * nearest that decimal, which JavaScript prints as the decimal itself (56.56715, not …0005).
 */
export function roundDegrees(degrees: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(degrees * scale) / scale;
}

/** A latitude or longitude as open data, Open311 and the map's GeoJSON publish it; none stays none. */
export function publishedDegrees(degrees: number): number;
export function publishedDegrees(degrees: number | null): number | null;
export function publishedDegrees(degrees: number | null): number | null {
  return degrees === null ? null : roundDegrees(degrees, PUBLISHED_DECIMALS);
}
