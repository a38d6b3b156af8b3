import assert from 'node:assert/strict';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { COMPRESS_FROM_BYTES } from '../../src/web/compression.js';
import { makeApp, type TestContext } from '../support/app.js';
import { queriesDuring } from '../support/database.js';
import { makeReport, moveReport } from '../support/reports.js';
import { routedReport } from '../support/reports.inbound.js';

/** On PostgreSQL a page made within SETTLE_MS of a commit is not kept: the set-up settles first. */
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));

interface Answer {
  text: string;
  type: string;
  cacheControl: string;
  queries: number;
}

/** One request for the map's pins, with how many SQL statements it made. */
async function fetchPins(context: TestContext, url: string): Promise<Answer> {
  let answer: request.Response | undefined;
  const queries = await queriesDuring(context.services.knex, async () => {
    answer = await request(context.app).get(url).expect(200);
  });
  return {
    text: answer!.text,
    type: String(answer!.headers['content-type']),
    cacheControl: String(answer!.headers['cache-control']),
    queries,
  };
}

/** The status a pin list or GeoJSON gives a report, in the answer's language. */
function statusOf(text: string, ref: string): string | undefined {
  const data = JSON.parse(text) as {
    statuses?: Record<string, string>;
    pins?: [number, number, string, string, string][];
    features?: { properties: { ref: string; statusText: string } }[];
  };
  if (data.pins) {
    const pin = data.pins.find((row) => row[2] === ref);
    return pin && data.statuses![pin[4]];
  }
  return data.features!.find((feature) => feature.properties.ref === ref)?.properties.statusText;
}

describe("the page cache and the map's pins", () => {
  for (const [path, type] of [
    ['/map/pins.json', /^application\/json/],
    ['/map/reports.geojson', /^application\/geo\+json/],
  ] as const) {
    it(`keeps ${path} per language, with its type and Cache-Control, until a report changes`, async () => {
      const context = await makeApp();
      const report = await routedReport(context, { lat: 56.45, lon: 27.33 });
      await settle();
      const fresh = await fetchPins(context, path);
      assert.ok(fresh.queries > 0, 'the first answer reads the database');
      assert.ok(statusOf(fresh.text, report.ref), 'the report is on the map');
      const kept = await fetchPins(context, path);
      assert.equal(kept.queries, 0, 'the second answer is the kept one');
      assert.equal(kept.text, fresh.text);
      assert.match(kept.type, type);
      assert.equal(kept.type, fresh.type);
      assert.equal(kept.cacheControl, 'public, max-age=60');
      assert.equal(fresh.cacheControl, 'public, max-age=60');

      // Another language is another answer, with its own words.
      const russian = await fetchPins(context, `${path}?lang=ru`);
      assert.ok(russian.queries > 0);
      assert.notEqual(statusOf(russian.text, report.ref), statusOf(fresh.text, report.ref));
      assert.equal((await fetchPins(context, `${path}?lang=ru`)).queries, 0);

      // A status change shows on the map's next fetch, in both languages.
      await moveReport(context.services, report, 'in_progress', { text: 'Darbi sāksies pirmdien.' });
      const moved = await fetchPins(context, path);
      assert.ok(moved.queries > 0, 'the change dropped the kept pins');
      assert.notEqual(statusOf(moved.text, report.ref), statusOf(fresh.text, report.ref));
      assert.ok((await fetchPins(context, `${path}?lang=ru`)).queries > 0);

      // A hidden report leaves the kept pins at once.
      await settle();
      await fetchPins(context, path);
      await context.services.knex('reports').where({ id: report.id }).update({ hidden: true });
      const hidden = await fetchPins(context, path);
      assert.ok(hidden.queries > 0);
      assert.equal(statusOf(hidden.text, report.ref), undefined);
    });
  }

  it('keeps the map’s counts per parish per language until a report changes them', async () => {
    const context = await makeApp();
    const report = await routedReport(context, { lat: 56.45, lon: 27.33 });
    await settle();
    const total = (answer: Answer) => (JSON.parse(answer.text) as { total: number }).total;
    const fresh = await fetchPins(context, '/map/parishes.json');
    assert.ok(fresh.queries > 0);
    assert.equal(total(fresh), 1);
    const kept = await fetchPins(context, '/map/parishes.json');
    assert.equal(kept.queries, 0, 'the second answer is the kept one');
    assert.equal(kept.text, fresh.text);
    assert.equal(kept.cacheControl, 'public, max-age=60');
    const russian = await fetchPins(context, '/map/parishes.json?lang=ru');
    assert.ok(russian.queries > 0);
    assert.notEqual(russian.text, fresh.text);

    // A hidden report leaves the counts at once.
    await context.services.knex('reports').where({ id: report.id }).update({ hidden: true });
    const hidden = await fetchPins(context, '/map/parishes.json');
    assert.ok(hidden.queries > 0, 'the change dropped the kept counts');
    assert.equal(total(hidden), 0);
  });

  it('sends the kept pins compressed as a browser asks, the same JSON as a fresh answer', async () => {
    const context = await makeApp();
    // Enough pins to be worth compressing (COMPRESS_FROM_BYTES).
    for (let i = 0; i < 20; i++) {
      await makeReport(context.services, { title: `Bedre nr. ${i}`, lat: 56.4 + i / 100, lon: 27.3 });
    }
    await settle();
    const fresh = await request(context.app).get('/map/pins.json').set('Accept-Encoding', 'identity');
    assert.ok(fresh.text.length > COMPRESS_FROM_BYTES, `${fresh.text.length} bytes`);
    let brotli: request.Response | undefined;
    const queries = await queriesDuring(context.services.knex, async () => {
      brotli = await request(context.app).get('/map/pins.json').set('Accept-Encoding', 'br').expect(200);
    });
    assert.equal(queries, 0);
    assert.equal(brotli!.headers['content-encoding'], 'br');
    assert.match(String(brotli!.headers.vary), /Accept-Encoding/);
    // supertest unpacks what it is sent; the bytes on the wire were fewer.
    assert.equal(brotli!.text, fresh.text);
    assert.ok(Number(brotli!.headers['content-length']) < Buffer.byteLength(fresh.text) / 2);
  });

  it('keeps no made-up address (a parameter, code or page number nobody links to), and keeps the real ones', async () => {
    const context = await makeApp();
    const report = await routedReport(context, { lat: 56.45, lon: 27.33 });
    await settle();
    // Made-up parameters, a parameter given twice, the list's own page number on the pins.
    for (const url of [
      '/map/pins.json?x=1',
      '/map/reports.geojson?utm_source=newsletter',
      '/map/pins.json?parish=kaunatas&parish=vilani',
      '/map/pins.json?page=2',
      '/reports?x=1',
      `/reports/${report.ref}?x=1`,
    ]) {
      const first = await fetchPins(context, url);
      const second = await fetchPins(context, url);
      assert.ok(first.queries > 0 && second.queries > 0, `${url}: made afresh each time`);
      assert.equal(second.text, first.text, url);
    }
    // Values the pages read but nobody could have linked to: codes no list knows, a page number
    // that is not the page shown, a cursor naming no report. Each answers for its visitor alone.
    for (const url of [
      '/map/pins.json?parish=zzz1',
      '/map/parishes.json?category=zzz2',
      '/reports?parish=zzz3',
      '/map?status=zzz4',
      '/reports?page=99999',
      '/reports?page=01',
      '/reports?after=999999999',
    ]) {
      const first = await fetchPins(context, url);
      const second = await fetchPins(context, url);
      assert.ok(first.queries > 0 && second.queries > 0, `${url}: made afresh each time`);
      assert.match(second.cacheControl, /^private\b/, url);
    }
    // The pins answer a junk address as they answer the plain one (the parameter is ignored)…
    assert.equal(statusOf((await fetchPins(context, '/map/pins.json?x=1')).text, report.ref), 'Atvērts');
    // …and each page's own parameters are kept (an empty search, as the list's form sends it, too).
    for (const url of [
      '/map/pins.json?category=roads&status=open&lang=en',
      '/reports?parish=kaunatas&category=roads&q=',
      '/reports?page=1',
      `/reports/${report.ref}?lang=ru`,
      '/statistics?from=2026-01&to=2026-06',
    ]) {
      await fetchPins(context, url);
      assert.equal((await fetchPins(context, url)).queries, 0, `${url}: kept`);
    }
    // A search's words and a list's cursor have no bound: kept when asked a second time.
    for (const url of ['/reports?parish=kaunatas&category=roads&q=bedre', '/map/pins.json?q=bedre']) {
      assert.ok((await fetchPins(context, url)).queries > 0, `${url}: made`);
      assert.ok((await fetchPins(context, url)).queries > 0, `${url}: made again, and kept`);
      assert.equal((await fetchPins(context, url)).queries, 0, `${url}: kept on its second ask`);
    }
  });
});
