import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as fillParishCentres from '../../migrations/20261204010000_fill_parish_centres.js';
import { makeApp } from '../support/app.js';

interface Unit {
  code: string;
  lat: number | null;
  lon: number | null;
}

describe('the centres of the places', () => {
  it('are known for 28 of the 29 places, as the reference data says; Dekšāres has none a source supports', async () => {
    const { services } = await makeApp();
    const rows = (await services.knex('parishes').select('code', 'lat', 'lon').orderBy('code')) as Unit[];
    assert.deepEqual(
      rows.filter((row) => row.lat === null || row.lon === null).map((row) => row.code),
      ['deksares'],
    );
    const seeded = (JSON.parse(fs.readFileSync('seeds/data/parishes.json', 'utf8')) as { units: Unit[] })
      .units;
    for (const row of rows) {
      const unit = seeded.find((one) => one.code === row.code)!;
      assert.deepEqual([row.lat, row.lon], [unit.lat, unit.lon], row.code);
    }
    // Every centre lies in or near Rēzeknes novads.
    for (const row of rows.filter((one) => one.lat !== null)) {
      assert.ok(row.lat! > 56.2 && row.lat! < 56.9 && row.lon! > 26.8 && row.lon! < 28.0, row.code);
    }
  });

  it('are filled in an installation made before they were known, and an admin’s correction stays', async () => {
    const { services } = await makeApp();
    const { knex } = services;
    await knex('parishes').whereIn('code', ['berzgales', 'vilanu']).update({ lat: null, lon: null });
    await knex('parishes').where({ code: 'nautrenu' }).update({ lat: 56.7, lon: 27.4 });
    await fillParishCentres.up(knex);
    const at = async (code: string) =>
      (await knex('parishes').where({ code }).first('lat', 'lon')) as { lat: number; lon: number };
    assert.deepEqual(await at('berzgales'), { lat: 56.6303, lon: 27.5154 });
    assert.deepEqual(await at('vilanu'), { lat: 56.55192, lon: 26.92717 });
    assert.deepEqual(await at('nautrenu'), { lat: 56.7, lon: 27.4 });
  });
});
