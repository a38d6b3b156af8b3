import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

/**
 * A report stored with a pin far outside the novads (before the form refused places over 25 km
 * from every parish centre) is not drawn on the map, so it does not stretch it over half of
 * Latvia; the list beside the map still has it.
 */
describe('the map leaves out pins stored far outside the novads', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
    const { services } = context;
    const person = { name: 'Jānis Kartētājs', email: 'janis.karte@example.org', phone: '+371 26555555' };
    await makeReport(services, {
      ...person,
      title: 'Bedre Kaunatā',
      lat: 56.45,
      lon: 27.33,
      parish: 'kaunatas',
    });
    const stray = await makeReport(services, {
      ...person,
      title: 'Bedre Rīgā',
      lat: 56.44,
      lon: 27.32,
      parish: 'kaunatas',
    });
    // Riga, as a slip of the finger stored it before the form refused it.
    await services.knex('reports').where({ id: stray.report.id }).update({ lat: 56.9496, lon: 24.1052 });
  });

  it('draws no such pin in the map’s own list nor in its GeoJSON', async () => {
    const pins = await request(context.app).get('/map/pins.json?lang=en').expect(200);
    const titles = (JSON.parse(pins.text) as { pins: string[][] }).pins.map((pin) => pin[3]);
    assert.deepEqual(titles, ['Bedre Kaunatā']);
    const geojson = await request(context.app).get('/map/reports.geojson?lang=en').expect(200);
    const features = (JSON.parse(geojson.text) as { features: { properties: { title: string } }[] }).features;
    assert.deepEqual(
      features.map((feature) => feature.properties.title),
      ['Bedre Kaunatā'],
    );
  });

  it('counts no such pin in its parish’s bubble', async () => {
    const res = await request(context.app).get('/map/parishes.json?lang=en').expect(200);
    const body = JSON.parse(res.text) as {
      parishes: { code: string; reports: number }[];
    };
    const kaunata = body.parishes.find((parish) => parish.code === 'kaunatas')!;
    assert.equal(kaunata.reports, 1);
  });

  it('keeps the report in the list beside the map', async () => {
    const page = await request(context.app).get('/map?lang=en').expect(200);
    assert.match(page.text, /Bedre Rīgā/);
    assert.match(page.text, /Bedre Kaunatā/);
  });
});
