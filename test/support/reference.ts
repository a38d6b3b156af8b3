import type { Parish } from '../../src/reference/types.js';

/** A parish of reference data for a unit test: its code as every name, at a centre or none. */
export const parishAt = (code: string, lat: number | null, lon: number | null): Parish => ({
  code,
  apvienibaCode: 'x',
  type: 'pagasts',
  names: { lv: code, en: code, ru: code },
  centre: code,
  lat,
  lon,
});
