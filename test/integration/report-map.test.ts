import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

interface PinList {
  truncated: boolean;
  language: string;
  statuses: Record<string, string>;
  categories: Record<string, string>;
  parishes: Record<string, string>;
  pins: [number, number, string, string, string, string, string, string][];
}

interface ParishBubbles {
  language: string;
  total: number;
  parishes: { code: string; lat: number; lon: number; reports: number; label: string }[];
}

interface Collection {
  type: string;
  truncated: boolean;
  features: { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[];
}

describe('the map of reports: its page and its GeoJSON', () => {
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
    await makeReport(services, { ...person, title: 'Lampa Maltā', lat: 56.34, lon: 27.17, parish: 'maltas' });
    await makeReport(services, { ...person, title: 'Bez vietas', lat: null, lon: null });
    await makeReport(services, {
      ...person,
      title: 'Neapstiprināts',
      lat: 56.4,
      lon: 27.3,
      confirmed: false,
    });
    await makeReport(services, {
      ...person,
      title: 'Privāts lūgums',
      category: 'elderly-help',
      lat: 56.41,
      lon: 27.31,
    });
    const hidden = await makeReport(services, { ...person, title: 'Paslēpts', lat: 56.42, lon: 27.32 });
    await services.knex('reports').where({ id: hidden.report.id }).update({ hidden: true });
  });

  const get = async (query: string) => {
    const res = await request(context.app).get(`/map/reports.geojson${query}`).expect(200);
    assert.match(res.headers['content-type']!, /^application\/geo\+json/);
    return { body: JSON.parse(res.text) as Collection, text: res.text };
  };

  it('has the public reports with a place, longitude first, and nothing private, hidden or unconfirmed', async () => {
    const { body, text } = await get('?lang=en');
    assert.equal(body.type, 'FeatureCollection');
    assert.deepEqual(body.features.map((feature) => feature.properties.title).sort(), [
      'Bedre Kaunatā',
      'Lampa Maltā',
    ]);
    const kaunata = body.features.find((feature) => feature.properties.title === 'Bedre Kaunatā')!;
    assert.deepEqual(kaunata.geometry.coordinates, [27.33, 56.45]);
    assert.equal(kaunata.properties.statusText, 'Open');
    assert.equal(kaunata.properties.parish, 'Kaunata parish');
    // Absolute, as open data's links: the file is for reuse away from this site.
    assert.match(kaunata.properties.url!, /^http:\/\/tilts\.test\/reports\/RZN-\d{4}-\d+\?lang=en$/);
    // When it was reported, to the millisecond, as the database has it.
    const row = (await context.services
      .knex('reports')
      .where({ ref: kaunata.properties.ref })
      .first('created_at')) as { created_at: Date | string };
    assert.equal(kaunata.properties.created, new Date(row.created_at).toISOString());
    for (const secret of ['Kartētājs', 'janis.karte', '26555555', 'Privāts', 'Paslēpts', 'Neapstiprināts'])
      assert.ok(!text.includes(secret), secret);
  });

  it('takes the list’s filters, answers a contradictory one, and refuses an unknown one in words', async () => {
    assert.deepEqual(
      (await get('?parish=maltas')).body.features.map((feature) => feature.properties.title),
      ['Lampa Maltā'],
    );
    assert.equal((await get('?apvieniba=maltas&parish=kaunatas')).body.features.length, 0);
    assert.deepEqual(
      (await get('?q=lampa')).body.features.map((feature) => feature.properties.title),
      ['Lampa Maltā'],
    );
    assert.equal((await get('?page=-1')).body.features.length, 2);
    // A code nobody knows is not a reason to hand a script every report: it is told, in its language.
    for (const [query, words] of [
      [
        '?parish=%3Cscript%3E&lang=en',
        /the link asks for a parish, administration, category or status that does not exist/,
      ],
      ['?category=zzz', /Fails netika izveidots/],
      ['?status=vecs&lang=ru', /Файл не создан/],
    ] as const) {
      const refused = await request(context.app).get(`/map/reports.geojson${query}`).expect(400);
      assert.match(refused.text, words, query);
      assert.doesNotMatch(refused.text, /&lt;script/, 'what was asked is not echoed');
    }
  });

  it('gives the map the same pins in its compact form, each name once, in the reader’s language', async () => {
    const compact = async (query: string) => {
      const res = await request(context.app).get(`/map/pins.json${query}`).expect(200);
      assert.match(res.headers['content-type']!, /^application\/json/);
      return { body: JSON.parse(res.text) as PinList, text: res.text };
    };
    const { body, text } = await compact('?lang=en');
    const { body: geo } = await get('?lang=en');
    assert.equal(body.language, 'en');
    assert.equal(body.truncated, false);
    // The same reports as the GeoJSON, in its order, latitude first.
    assert.deepEqual(
      body.pins.map((pin) => [pin[2], pin[3], pin[1], pin[0]]),
      geo.features.map((feature) => [
        feature.properties.ref,
        feature.properties.title,
        ...feature.geometry.coordinates,
      ]),
    );
    const kaunata = body.pins.find((pin) => pin[3] === 'Bedre Kaunatā')!;
    // Its status, category and parish codes, and the language its title was written in.
    assert.deepEqual(kaunata.slice(4), ['open', 'roads', 'kaunatas', 'lv']);
    assert.equal(body.statuses.open, 'Open');
    assert.equal(body.parishes.kaunatas, 'Kaunata parish');
    assert.equal(body.parishes.maltas, 'Malta parish');
    assert.equal(body.categories.roads, 'Roads and pavements');
    // Only the names the pins use.
    assert.deepEqual(Object.keys(body.parishes).sort(), ['kaunatas', 'maltas']);
    for (const secret of ['Kartētājs', 'janis.karte', '26555555', 'Privāts', 'Paslēpts', 'Neapstiprināts'])
      assert.ok(!text.includes(secret), secret);

    const ru = await compact('?parish=maltas&lang=ru');
    assert.deepEqual(
      ru.body.pins.map((pin) => pin[3]),
      ['Lampa Maltā'],
    );
    assert.equal(ru.body.language, 'ru');
    assert.notEqual(ru.body.parishes.maltas, 'Malta parish');
    assert.equal((await compact('?apvieniba=maltas&parish=kaunatas')).body.pins.length, 0);
  });

  it('counts the same reports per parish for the map, with each parish named and counted in the reader’s language', async () => {
    const counts = async (query: string) => {
      const res = await request(context.app).get(`/map/parishes.json${query}`).expect(200);
      assert.match(res.headers['content-type']!, /^application\/json/);
      return { body: JSON.parse(res.text) as ParishBubbles, text: res.text, res };
    };
    const { body, text, res } = await counts('?lang=en');
    // Only public reports with a place: not the one without, nor the unconfirmed, private or hidden.
    assert.equal(body.total, 2);
    assert.equal(body.language, 'en');
    assert.deepEqual(
      body.parishes.map((parish) => [parish.code, parish.reports, parish.label]),
      [
        ['kaunatas', 1, 'Kaunata parish: 1 report'],
        ['maltas', 1, 'Malta parish: 1 report'],
      ],
    );
    // Each parish sits on its centre from the reference data.
    const maltas = (await context.services
      .knex('parishes')
      .where({ code: 'maltas' })
      .first('lat', 'lon')) as {
      lat: number;
      lon: number;
    };
    assert.deepEqual(
      [body.parishes[1]!.lat, body.parishes[1]!.lon],
      [Number(maltas.lat), Number(maltas.lon)],
    );
    assert.match(res.headers['cache-control']!, /^public/);
    for (const secret of ['Kartētājs', 'janis.karte', '26555555', 'Privāts', 'Paslēpts', 'Neapstiprināts'])
      assert.ok(!text.includes(secret), secret);

    // The list's filters, plurals and names in each language, and odd input answered, not failed.
    assert.deepEqual(
      (await counts('?parish=maltas&lang=lv')).body.parishes.map((parish) => parish.label),
      ['Maltas pagasts: 1 ziņojums'],
    );
    assert.match((await counts('?q=bedre&lang=ru')).body.parishes[0]!.label, /^.+: 1 сообщение$/);
    assert.equal((await counts('?apvieniba=maltas&parish=kaunatas')).body.total, 0);
    const odd = await counts('?parish=%3Cscript%3E&page=-1');
    assert.equal(odd.body.total, 2);
    assert.match(odd.res.headers['cache-control']!, /^private/);

    // Dekšāres has no sourced centre: its bubble stands at its reports' mean place.
    await makeReport(context.services, { title: 'Dekšāres ceļš', lat: 56.5, lon: 26.9, parish: 'deksares' });
    await makeReport(context.services, { title: 'Dekšāres tilts', lat: 56.6, lon: 27.0, parish: 'deksares' });
    const deksares = (await counts('?parish=deksares')).body.parishes;
    assert.deepEqual(
      deksares.map((parish) => [parish.reports, parish.lat.toFixed(2), parish.lon.toFixed(2)]),
      [[2, '56.55', '26.95']],
    );
  });

  it('is the list on /map, with the same filters, and the list links to it', async () => {
    const page = await request(context.app).get('/map?parish=maltas&lang=en').expect(200);
    assert.match(page.text, /<h1>Map of reports<\/h1>/);
    assert.match(page.text, /action="\/map"/);
    assert.match(page.text, /data-pins="\/map\/pins\.json\?parish=maltas&amp;lang=en"/);
    assert.match(page.text, /data-parishes="\/map\/parishes\.json\?parish=maltas&amp;lang=en"/);
    assert.match(page.text, /data-qa="report-item"/);
    assert.match(page.text, /href="\/reports\?parish=maltas&amp;lang=en" data-qa="plain-list-link"/);
    assert.match(
      page.text,
      /data-js="[^"]*\/static\/vendor\/markercluster\/leaflet\.markercluster\.[0-9a-f]{8}\.js/,
    );
    // Fetched by the map's script, they say the language in Latvian too, with or without a filter.
    const latvian = await request(context.app).get('/map').expect(200);
    assert.match(latvian.text, /data-pins="\/map\/pins\.json\?lang=lv"/);
    assert.match(latvian.text, /data-parishes="\/map\/parishes\.json\?lang=lv"/);
    const list = await request(context.app).get('/reports?parish=maltas').expect(200);
    assert.match(list.text, /href="\/map\?parish=maltas" data-qa="map-link"/);
    assert.doesNotMatch(list.text, /reports-map-slot/);
    await request(context.app).get('/static/vendor/markercluster/MarkerCluster.css').expect(200);
  });
});
