import type { Knex } from 'knex';

export const name = '20261204010000_fill_parish_centres';

/**
 * The centres of the eight places the first reference data had no coordinates for, from the
 * sources in seeds/data/parishes.json (the village named as the parish's centre; Viļāni parish
 * is administered from Viļāni town). A map pin suggests the nearest centre, so every place with a
 * supported centre needs one. Dekšāres has none that a source supports: it stays empty, and a pin
 * never suggests it. Only empty coordinates are filled, so an admin's correction survives.
 */
const CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  berzgales: [56.6303, 27.5154],
  kantinieku: [56.5681, 27.1389],
  nautrenu: [56.7108, 27.4151],
  ozolmuizas: [56.4913, 27.2248],
  sokolku: [56.5134, 26.9998],
  stolerovas: [56.4332, 27.55],
  veremu: [56.5725, 27.3697],
  vilanu: [56.55192, 26.92717],
};

export async function up(knex: Knex): Promise<void> {
  for (const [code, [lat, lon]] of Object.entries(CENTRES))
    await knex('parishes').where({ code }).whereNull('lat').update({ lat, lon });
}

export async function down(knex: Knex): Promise<void> {
  for (const [code, [lat, lon]] of Object.entries(CENTRES))
    await knex('parishes').where({ code, lat, lon }).update({ lat: null, lon: null });
}
