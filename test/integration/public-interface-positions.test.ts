import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { parseCsv } from './open-data-helpers.js';
import { makeReport } from '../support/reports.js';

/*
 * A position stored with binary noise (as the demo data's centre-plus-offset pins are) is
 * published rounded, the same in every file and answer that carries it.
 */
describe('positions in open data, Open311, the map’s GeoJSON, a report’s page and its emails', () => {
  let context: TestContext;
  let ref: string;
  const get = (path: string) => request(context.app).get(path).expect(200);

  before(async () => {
    context = await makeApp();
    const made = await makeReport(context.services, {
      title: 'Bedre ar trokšņainu vietu',
      lat: 56.567150000000005,
      lon: 27.519579999999998,
    });
    ref = made.report.ref;
    // The test's own clock is real time: the report is within Open311's default 90 days.
    const stored = await context.services.knex('reports').where({ ref }).first('lat', 'lon');
    assert.equal(stored.lat, 56.567150000000005, 'the noise is stored, as the demo data stores it');
  });

  it('are published with at most six decimals: 56.56715 and 27.51958', async () => {
    const csv = parseCsv((await get('/open-data/reports.csv')).text);
    const header = csv[0]!;
    const row = csv.find((cells) => cells[0] === ref)!;
    assert.equal(row[header.indexOf('lat')], '56.56715');
    assert.equal(row[header.indexOf('lon')], '27.51958');

    const json = JSON.parse((await get('/open-data/reports.json')).text) as {
      reports: { ref: string; lat: number; lon: number }[];
    };
    const record = json.reports.find((report) => report.ref === ref)!;
    assert.deepEqual([record.lat, record.lon], [56.56715, 27.51958]);

    const open311 = JSON.parse((await get('/open311/v2/requests.json')).text) as {
      service_request_id: string;
      lat: number;
      long: number;
    }[];
    const answer = open311.find((item) => item.service_request_id === ref)!;
    assert.deepEqual([answer.lat, answer.long], [56.56715, 27.51958]);
    const xml = (await get(`/open311/v2/requests/${ref}.xml`)).text;
    assert.match(xml, /<lat>56\.56715<\/lat>/);
    assert.match(xml, /<long>27\.51958<\/long>/);

    const geojson = (await get('/map/reports.geojson')).text;
    const collection = JSON.parse(geojson) as { features: { geometry: { coordinates: number[] } }[] };
    assert.deepEqual(collection.features[0]!.geometry.coordinates, [27.51958, 56.56715]);

    for (const text of [geojson, xml, JSON.stringify(json), JSON.stringify(open311)])
      assert.doesNotMatch(text, /\d\.\d{7,}/, 'no coordinate with binary noise');
  });

  it('link the map at the published position from the report’s page and its emails', async () => {
    const map = 'https://www.openstreetmap.org/?mlat=56.56715&amp;mlon=27.51958#map=17/56.56715/27.51958';
    const page = (await get(`/reports/${ref}`)).text;
    assert.ok(page.includes(`href="${map}"`), 'the page links the rounded position');
    const emails = (await context.services.knex('outbox').whereNotNull('text_body').select('text_body')) as {
      text_body: string;
    }[];
    const linked = emails.filter((email) => email.text_body.includes('openstreetmap.org'));
    assert.ok(linked.length > 0, 'the report’s emails link the map');
    for (const { text_body } of linked) {
      assert.ok(text_body.includes(map.replace('&amp;', '&')), 'the email links the rounded position');
      assert.doesNotMatch(text_body, /\d\.\d{7,}/, 'no coordinate with binary noise');
    }
    assert.doesNotMatch(page, /\d\.\d{7,}/, 'no coordinate with binary noise');
  });
});
