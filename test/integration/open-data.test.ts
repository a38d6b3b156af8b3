import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { hideReport, makeReport, moveReport } from '../support/reports.js';
import { addStaff } from '../support/staff.js';
import { ISO_WITH_ZONE, parseCsv, type JsonReport } from './open-data-helpers.js';

// What the residents gave and must never be published, wherever it might leak from.
const PEOPLE = [
  { name: 'Anna Liepa', email: 'anna.liepa@example.org', phone: '+371 29123456', digits: '29123456' },
  { name: 'Pēteris Kalniņš', email: 'peteris.k@example.org', phone: '26 55 44 33', digits: '26554433' },
  { name: 'Inga Vītola', email: 'inga.vitola@example.org', phone: '20001234', digits: '20001234' },
];
// Pēteris chose to show his name (his report's `showName`): it stands in his own words as he typed
// them, so the public reads it there, and nowhere else. His email and phone stay masked everywhere.
const SHOWN_WORDS = 'Es, PĒTERIS KALNIŅŠ, to redzēju vakar.';
// Every report that must never be published carries this word, so a scan finds any leak.
const SECRET = 'Slepenvārds';

describe('open data: the files of public reports and the sitemap', () => {
  let context: TestContext;
  const reports: Record<string, Report> = {};
  const neverPublished: string[] = [];

  async function hideUpdate(report: Report, text: string) {
    const moderator = await addStaff(context, { email: 'moderatore@example.org', role: 'moderator' });
    const { id } = (await context.services
      .knex('report_updates')
      .where({ report_id: report.id, public_text: text })
      .first('id')) as { id: number };
    await context.services.moderation.hiding.hide(
      { id: moderator.id, role: 'moderator', parishes: 'all', contacts: [] },
      report.ref,
      { kind: 'update', id },
      'Aizskaroši',
      '127.0.0.1',
    );
  }

  before(async () => {
    context = await makeApp();
    const { services } = context;
    const [anna, peteris, inga] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0]];
    reports.formula = (
      await makeReport(services, {
        title: '=HYPERLINK("http://evil.example","Bedre")',
        description: `Bedre pie mājas. Zvaniet ${anna.phone} vai rakstiet ${anna.email}. Ar cieņu, ${anna.name}`,
        name: anna.name,
        email: anna.email,
        phone: anna.phone,
        lat: 56.5123,
        lon: 27.3345,
      })
    ).report;
    await moveReport(services, reports.formula, 'in_progress', {
      role: 'parish_admin',
      text: `Darbi sāksies pirmdien. Jautājumi pa tālruni ${inga.digits}.`,
    });
    await moveReport(services, reports.formula, 'in_progress', {
      role: 'parish_admin',
      text: `Rupji ${SECRET}`,
    });
    await hideUpdate(reports.formula, `Rupji ${SECRET}`);
    await services.knex.transaction((trx) =>
      services.timeline.addUpdate(
        trx,
        {
          reportId: reports.formula!.id,
          authorKind: 'staff',
          channel: 'web',
          internalNote: SECRET,
          isPublic: false,
        },
        new Date(),
      ),
    );
    reports.formula = (await services.reportRepository.byId(reports.formula.id))!;

    reports.named = (
      await makeReport(services, {
        title: 'Nedeg laterna',
        category: 'street-lighting',
        parish: 'dricanu',
        description: `Es, ${peteris.name.toUpperCase()}, to redzēju vakar.`,
        name: peteris.name,
        email: peteris.email,
        phone: peteris.phone,
        showName: true,
      })
    ).report;
    // A one-click "received", without words: still the report's history.
    await moveReport(services, reports.named, 'acknowledged', { role: 'parish_admin' });
    await moveReport(services, reports.named, 'resolved', {
      role: 'parish_admin',
      text: 'Laterna salabota.',
    });
    reports.named = (await services.reportRepository.byId(reports.named.id))!;

    reports.plain = (
      await makeReport(services, { title: 'Atkritumi mežā', category: 'waste', parish: 'vilani' })
    ).report;

    for (const [key, options] of Object.entries({
      private: {
        title: `${SECRET} kaimiņam malka`,
        category: 'elderly-help',
        name: inga.name,
        email: inga.email,
      },
      unconfirmed: { title: `${SECRET} neapstiprināts`, confirmed: false },
      hidden: { title: `${SECRET} paslēpts` },
    })) {
      reports[key] = (await makeReport(services, options)).report;
      neverPublished.push(reports[key].ref);
    }
    await hideReport(services, reports.hidden!);
  });

  const everyText = async () => [
    (await request(context.app).get('/open-data/reports.csv').expect(200)).text,
    (await request(context.app).get('/open-data/reports.json').expect(200)).text,
    (await request(context.app).get('/sitemap.xml').expect(200)).text,
  ];

  it('publishes no name, email or phone of anyone, not even typed into the words', async () => {
    for (const published of await everyText()) {
      const text = published.replaceAll(SHOWN_WORDS, '');
      for (const person of PEOPLE) {
        for (const secret of [
          person.name,
          person.name.toUpperCase(),
          person.email,
          person.phone,
          person.digits,
        ]) {
          assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} leaked`);
        }
      }
      assert.doesNotMatch(text, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no email address at all');
    }
  });

  it('never publishes private, hidden or unconfirmed reports, hidden updates or internal notes', async () => {
    for (const text of await everyText()) {
      assert.ok(!text.includes(SECRET), 'a word of something never published');
      for (const ref of neverPublished) assert.ok(!text.includes(ref), ref);
    }
  });

  it('gives a CSV safe for spreadsheets: one row per public report, oldest first, formulas defused', async () => {
    const res = await request(context.app).get('/open-data/reports.csv').expect(200);
    assert.match(res.headers['content-type']!, /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition']!, /^attachment; filename="?tilts-reports\.csv"?$/);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const [header, ...rows] = parseCsv(res.text);
    assert.deepEqual(header!.slice(0, 4), ['ref', 'url', 'category_code', 'category_name']);
    assert.deepEqual(
      rows.map((row) => row[0]),
      [reports.formula!.ref, reports.named!.ref, reports.plain!.ref],
    );
    const formula = Object.fromEntries(header!.map((name, index) => [name, rows[0]![index]]));
    assert.equal(formula.title, `'=HYPERLINK("http://evil.example","Bedre")`);
    assert.equal(formula.url, `http://tilts.test/reports/${reports.formula!.ref}`);
    assert.equal(formula.description, 'Bedre pie mājas. Zvaniet […] vai rakstiet […]. Ar cieņu, […]');
    assert.equal(formula.status, 'in_progress');
    assert.equal(formula.parish_name, 'Kaunatas pagasts');
    assert.equal(formula.category_name, 'Ceļi un ietves');
    assert.equal(formula.lat, '56.5123');
    assert.equal(formula.lon, '27.3345');
    assert.match(formula.created_at!, ISO_WITH_ZONE);
    assert.match(formula.first_response_at!, ISO_WITH_ZONE);
    assert.equal(formula.resolved_at, '');
    // Update texts are in the JSON only.
    assert.ok(!res.text.includes('Darbi sāksies'));
  });

  it('gives JSON with the same reports, ISO dates with their zone, and the public updates only', async () => {
    const res = await request(context.app).get('/open-data/reports.json').expect(200);
    assert.match(res.headers['content-type']!, /^application\/json; charset=utf-8/);
    const body = JSON.parse(res.text) as { licence: string; reports: JsonReport[] };
    assert.equal(body.licence, 'CC-BY-4.0');
    assert.deepEqual(
      body.reports.map((report) => report.ref),
      [reports.formula!.ref, reports.named!.ref, reports.plain!.ref],
    );
    const [formula, named, plain] = body.reports as [JsonReport, JsonReport, JsonReport];
    assert.deepEqual(
      formula.updates.map((update) => [update.by, update.status, update.text]),
      [
        ['reporter', 'open', null],
        ['recipient', 'in_progress', 'Darbi sāksies pirmdien. Jautājumi pa tālruni […].'],
      ],
    );
    assert.deepEqual(
      named.updates.map((update) => [update.by, update.status, update.text]),
      [
        ['reporter', 'open', null],
        ['recipient', 'acknowledged', null],
        ['recipient', 'resolved', 'Laterna salabota.'],
      ],
      'a change of status without words is there, as on the report’s page',
    );
    assert.equal(
      formula.title,
      '=HYPERLINK("http://evil.example","Bedre")',
      'JSON is data, not a spreadsheet',
    );
    assert.equal(named.description, SHOWN_WORDS, 'a name its reporter chose to show is not masked');
    assert.equal(named.status, 'resolved');
    for (const field of ['created_at', 'confirmed_at', 'first_response_at', 'resolved_at'] as const)
      assert.match(named[field]!, ISO_WITH_ZONE, field);
    assert.equal(named.closed_at, null);
    assert.equal(plain.first_response_at, null);
    assert.equal(plain.lat, null);
    assert.equal(
      new Date(named.confirmed_at!).getTime(),
      (await context.services.reportRepository.byId(reports.named!.id))!.confirmedAt!.getTime(),
    );
  });

  it('takes the filters of the list, and a contradictory one gives no report', async () => {
    const byParish = await request(context.app).get('/open-data/reports.json?parish=dricanu').expect(200);
    assert.deepEqual(
      (JSON.parse(byParish.text) as { reports: JsonReport[] }).reports.map((report) => report.ref),
      [reports.named!.ref],
    );
    const byWords = await request(context.app).get('/open-data/reports.csv?q=atkritumi%20meza').expect(200);
    assert.deepEqual(
      parseCsv(byWords.text)
        .slice(1)
        .map((row) => row[0]),
      [reports.plain!.ref],
    );
    const none = await request(context.app).get('/open-data/reports.json?parish=vilani&apvieniba=kaunatas');
    assert.deepEqual((JSON.parse(none.text) as { reports: JsonReport[] }).reports, []);
    // A page number that is no number is read as the first; a filter given a NUL is a filter
    // given and unusable, refused as an unknown code is (it was read as no filter: every report).
    const nonsense = await request(context.app).get('/open-data/reports.csv?page=-1').expect(200);
    assert.equal(parseCsv(nonsense.text).length, 4);
    await request(context.app).get('/open-data/reports.csv?parish[]=%00').expect(400);
  });

  it('refuses an unknown parish, apvienība, category or status with a 400 that says so, in the reader’s language', async () => {
    for (const query of [
      'category=nope',
      'parish=nope',
      'apvieniba=nope',
      'status=bogus',
      'category=elderly-help',
    ]) {
      for (const file of ['reports.csv', 'reports.json']) {
        const res = await request(context.app).get(`/open-data/${file}?${query}&lang=en`).expect(400);
        assert.match(
          res.text,
          /The file was not made: the link asks for a parish, administration, category or status/,
        );
        assert.doesNotMatch(res.text, new RegExp(reports.named!.ref), `${file}?${query}`);
      }
    }
    const lv = await request(context.app).get('/open-data/reports.csv?category=nope').expect(400);
    assert.match(lv.text, /Fails netika izveidots/);
    await request(context.app).get('/open-data/reports.csv?status=open&category=roads').expect(200);
    // A filter given twice with different values is as unclear: a file cannot say which it followed.
    for (const file of ['reports.csv', 'reports.json']) {
      const twice = await request(context.app)
        .get(`/open-data/${file}?parish=kaunatas&parish=maltas&lang=en`)
        .expect(400);
      assert.match(twice.text, /The file was not made: the link gives one filter .* more than once/);
    }
    const geojson = await request(context.app)
      .get('/map/reports.geojson?status=open&status=resolved&lang=ru')
      .expect(400);
    assert.match(geojson.text, /Файл не создан: в ссылке один фильтр/);
    // The same value twice is clear enough.
    await request(context.app).get('/open-data/reports.csv?parish=kaunatas&parish=kaunatas').expect(200);
  });

  it('links the open data page, where the codes and statuses its 400 speaks of are, in the reader’s language', async () => {
    // The link says the language too (but Latvian, the default): a script's next request has no cookie.
    const cases = [
      ['/open-data/reports.csv?parish=nope&lang=lv', 'Atvērtie dati: faili, to kodi un statusi', ''],
      [
        '/open-data/reports.json?parish=kaunatas&parish=maltas&lang=en',
        'Open data: the files, their codes and statuses',
        '?lang=en',
      ],
      ['/map/reports.geojson?status=bogus&lang=ru', 'Открытые данные: файлы, их коды и статусы', '?lang=ru'],
    ] as const;
    for (const [path, words, query] of cases) {
      const res = await request(context.app).get(path).expect(400);
      assert.ok(res.text.includes(`<a href="/open-data${query}" data-qa="error-link">${words}</a>`), path);
    }
    // Any other 400 has no such link.
    const other = await request(context.app).get('/reports/%ff').expect(400);
    assert.doesNotMatch(other.text, /data-qa="error-link"/);
  });

  it('has a valid sitemap of the public pages and every public report with its last change', async () => {
    const res = await request(context.app).get('/sitemap.xml').expect(200);
    assert.match(res.headers['content-type']!, /^application\/xml/);
    assert.equal(XMLValidator.validate(res.text), true);
    const { urlset } = new XMLParser().parse(res.text) as {
      urlset: { url: { loc: string; lastmod?: string }[] };
    };
    const locs = urlset.url.map((url) => url.loc);
    for (const path of ['/', '/reports', '/help', '/open-data', '/accessibility', '/privacy'])
      assert.ok(locs.includes(`http://tilts.test${path}`), path);
    for (const path of [
      '/map',
      '/statistics',
      '/statistics/about',
      '/parishes/cornajas',
      '/apvienibas/vilanu',
    ])
      assert.ok(locs.includes(`http://tilts.test${path}`), path);
    assert.equal(locs.filter((loc) => loc.startsWith('http://tilts.test/parishes/')).length, 29);
    assert.equal(locs.filter((loc) => loc.startsWith('http://tilts.test/apvienibas/')).length, 5);
    // Every page it names is there for a crawler (none behind a token or a form).
    for (const loc of locs.filter((one) => !one.startsWith('http://tilts.test/reports/RZN-')))
      await request(context.app).get(loc.replace('http://tilts.test', '')).expect(200);
    const reportUrls = urlset.url.filter((url) => url.loc.startsWith('http://tilts.test/reports/RZN-'));
    assert.deepEqual(
      reportUrls.map((url) => url.loc),
      [reports.formula!, reports.named!, reports.plain!].map(
        (report) => `http://tilts.test/reports/${report.ref}`,
      ),
    );
    for (const url of reportUrls) assert.match(url.lastmod!, ISO_WITH_ZONE);
  });
});
