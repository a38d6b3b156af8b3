import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { assertXmlMirrors, validJson } from '../support/open311.js';
import { nearAndStray } from '../support/reports.js';
import { parseCsv, type JsonReport } from './open-data-helpers.js';

/**
 * A report stored with a place far outside the novads (before the form refused places over 25 km
 * from every parish centre) is left off the map; open data and Open311 publish it too, but
 * without that place, as a report that has none. One in the novads keeps its place.
 */
describe('open data and Open311 publish no place stored far outside the novads', () => {
  let context: TestContext;
  let near: Report;
  let stray: Report;

  before(async () => {
    context = await makeApp();
    ({ near, stray } = await nearAndStray(context.services));
  });

  const open311 = async (path: string) => {
    const json = validJson(
      await request(context.app).get(`/open311/v2/${path}.json`).expect(200),
      'requests',
    );
    assertXmlMirrors(await request(context.app).get(`/open311/v2/${path}.xml`).expect(200), 'requests', json);
    return json as { service_request_id: string; lat: number | null; long: number | null }[];
  };

  it('gives Open311 requests no lat and long for it, in the list and alone', async () => {
    const list = await open311('requests');
    const byRef = new Map(list.map((item) => [item.service_request_id, item]));
    assert.deepEqual([byRef.get(stray.ref)?.lat, byRef.get(stray.ref)?.long], [null, null]);
    assert.deepEqual([byRef.get(near.ref)?.lat, byRef.get(near.ref)?.long], [56.45, 27.33]);
    const [one] = await open311(`requests/${stray.ref}`);
    assert.deepEqual([one?.lat, one?.long], [null, null]);
    const xml = (await request(context.app).get(`/open311/v2/requests/${stray.ref}.xml`).expect(200)).text;
    assert.doesNotMatch(xml, /56\.9496|24\.1052/);
  });

  it('gives open data’s CSV and JSON no place for it', async () => {
    const csv = await request(context.app).get('/open-data/reports.csv').expect(200);
    const [header, ...rows] = parseCsv(csv.text);
    const cells = (ref: string) => {
      const row = rows.find((cellsOf) => cellsOf[0] === ref)!;
      return [row[header!.indexOf('lat')], row[header!.indexOf('lon')]];
    };
    assert.deepEqual(cells(stray.ref), ['', '']);
    assert.deepEqual(cells(near.ref), ['56.45', '27.33']);
    const json = await request(context.app).get('/open-data/reports.json').expect(200);
    const reports = (JSON.parse(json.text) as { reports: JsonReport[] }).reports;
    const place = (ref: string) => {
      const report = reports.find((one) => one.ref === ref)!;
      return [report.lat, report.lon];
    };
    assert.deepEqual(place(stray.ref), [null, null]);
    assert.deepEqual(place(near.ref), [56.45, 27.33]);
    assert.doesNotMatch(csv.text + json.text, /56\.9496|24\.1052/);
  });
});
