import { MAX_DISTANCE_KM } from '../reference/nearest-parish.js';

/*
 * Whether a report's stored place may be published: the report form's rule for a place in the
 * novads, no further than MAX_DISTANCE_KM from some parish centre (the haversine of
 * nearest-parish.ts). A pin stored before the form refused those (a slip of the finger to Riga)
 * is left off the map, and open data and Open311 publish its report without a place, as one that
 * has none. One rule, here, for every interface that publishes a place.
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
