import { MAX_DISTANCE_KM, nearestParish } from '../reference/nearest-parish.js';
import type { Parish } from '../reference/types.js';

/*
 * Whether a report's stored place may be published: the report form's rule for a place in the
 * novads, no further than MAX_DISTANCE_KM from some parish centre (the haversine of
 * nearest-parish.ts). A pin stored before the form refused those (a slip of the finger to Riga)
 * is left off the map, and open data and Open311 publish its report without a place, as one that
 * has none; a report's page and its emails link no map of it. One rule, here, for every interface
 * that publishes a place: in SQL for those that read many rows, and as the form's own check
 * (`nearestParish`) for a report already read.
 */

/** SQL: the `reports` row has a place in the novads (false for one without a place). */
export const PLACE_IN_NOVADS = `exists (select 1 from parishes centre
  where centre.lat is not null and centre.lon is not null
    and 2 * 6371 * asin(least(1, sqrt(
      power(sin(radians(centre.lat - reports.lat) / 2), 2)
      + cos(radians(reports.lat)) * cos(radians(centre.lat)) * power(sin(radians(centre.lon - reports.lon) / 2), 2)
    ))) <= ${MAX_DISTANCE_KM})`;

/** A select column: whether the row's place may be published, read by `publishedPlace`. */
export const PLACE_IN_NOVADS_COLUMN = `${PLACE_IN_NOVADS} as place_in_novads`;

/** The place a row read with `PLACE_IN_NOVADS_COLUMN` publishes: its own, or none. */
export function publishedPlace(row: { lat: number | null; lon: number | null; place_in_novads: boolean }): {
  lat: number | null;
  lon: number | null;
} {
  return row.place_in_novads ? { lat: row.lat, lon: row.lon } : { lat: null, lon: null };
}

/**
 * The place a report already read publishes (a map link on its page, in its emails): its own when
 * some parish centre is within MAX_DISTANCE_KM, as the form requires and `PLACE_IN_NOVADS` reads;
 * none otherwise.
 */
export function publishedPlaceOf(
  report: { lat: number | null; lon: number | null },
  parishes: readonly Parish[],
): { lat: number; lon: number } | null {
  if (report.lat === null || report.lon === null) return null;
  const place = { lat: report.lat, lon: report.lon };
  return nearestParish(place, parishes) ? place : null;
}
