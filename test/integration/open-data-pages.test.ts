import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { OpenDataRepository } from '../../src/open-data/repository.js';
import { OpenDataService } from '../../src/open-data/service.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { parseCsv, type JsonReport } from './open-data-helpers.js';

describe('open data: robots.txt and the page that explains it', () => {
  let context: TestContext;

  before(async () => {
    context = await makeApp();
    await makeReport(context.services, { parish: 'kaunatas', lat: 56.53, lon: 27.4 });
  });

  it('has a robots.txt that keeps crawlers off staff, token and action paths and names the sitemap', async () => {
    const res = await request(context.app).get('/robots.txt').expect(200);
    assert.match(res.headers['content-type']!, /^text\/plain/);
    for (const path of [
      '/staff',
      '/dev/',
      '/help/offers/',
      '/help/matches/',
      '/reports/confirm/',
      '/subscriptions/',
    ])
      assert.ok(res.text.split('\n').includes(`Disallow: ${path}`), path);
    assert.match(res.text, /^Disallow: \/\*\?token=$/m);
    // A photo's signed link shows a private report's photo to whoever holds it.
    assert.match(res.text, /^Disallow: \/\*\?sig=$/m);
    assert.match(res.text, /^Disallow: \/\*&sig=$/m);
    assert.match(res.text, /^Sitemap: http:\/\/tilts\.test\/sitemap\.xml$/m);
    assert.doesNotMatch(res.text, /^Disallow: \/$/m);
  });

  it('explains the data and its licence in Latvian, English and Russian, linked from every page', async () => {
    for (const [language, heading, licence] of [
      ['lv', 'Atvērtie dati', 'pašvaldībai'],
      ['en', 'Open data', 'the municipality has still to confirm it'],
      ['ru', 'Открытые данные', 'самоуправление ещё должно её утвердить'],
    ] as const) {
      const res = await request(context.app).get(`/open-data?lang=${language}`).expect(200);
      assert.match(res.text, new RegExp(`<h1>${heading}</h1>`));
      assert.match(res.text, /CC BY 4\.0/);
      assert.ok(res.text.includes(licence), licence);
      // Each file's link carries the page's language unless it is Latvian, the default.
      const lang = language === 'lv' ? '' : `\\?lang=${language}`;
      assert.match(res.text, new RegExp(`<a href="/open-data/reports\\.csv${lang}" data-qa="csv-link">`));
      assert.match(res.text, new RegExp(`<a href="/open-data/reports\\.json${lang}" data-qa="json-link">`));
    }
    const home = await request(context.app).get('/').expect(200);
    assert.match(home.text, /<a href="\/open-data">Atvērtie dati<\/a>/);
  });

  it('links its files in its own language, so a script without a cookie gets a file’s errors in it', async () => {
    const hrefOf = (html: string, qa: string) =>
      new RegExp(`<a href="([^"]+)" data-qa="${qa}">`).exec(html)?.[1]?.replaceAll('&amp;', '&');
    for (const [language, refusal] of [
      ['en', 'The file was not made: the link asks for a parish'],
      ['ru', 'Файл не создан'],
      ['lv', 'Fails netika izveidots'],
    ] as const) {
      const page = (await request(context.app).get(`/open-data?lang=${language}`).expect(200)).text;
      assert.match(page, /data-qa="interfaces-language">[^<]*Accept-Language/);
      for (const qa of ['csv-link', 'json-link', 'example-link']) {
        const href = hrefOf(page, qa)!;
        assert.equal(
          new URL(href, 'http://x').searchParams.get('lang'),
          language === 'lv' ? null : language,
          qa,
        );
        await request(context.app).get(href).expect(200);
        // The same link with a parish that does not exist: its 400 page speaks the page's language.
        const refused = await request(context.app)
          .get(`${href}${href.includes('?') ? '&' : '?'}category=atlantis`)
          .expect(400);
        assert.ok(refused.text.includes(refusal), `${language} ${qa}`);
      }
      // The map's file and the feed always say the language, Latvian too: a program has no cookie.
      assert.equal(hrefOf(page, 'geojson-link'), `/map/reports.geojson?lang=${language}`);
      assert.equal(hrefOf(page, 'feed-link'), `/feeds/reports.atom?lang=${language}`);
    }
  });

  it('leads to the other interfaces, each of which answers, and Open311’s own addresses to its discovery', async () => {
    const page = (await request(context.app).get('/open-data?lang=en').expect(200)).text;
    for (const qa of ['open311-link', 'geojson-link', 'feed-link']) {
      const href = new RegExp(`<a href="([^"]+)" data-qa="${qa}">`).exec(page)?.[1];
      assert.ok(href, qa);
      await request(context.app).get(href).expect(200);
    }
    for (const path of ['/open311', '/open311/', '/open311/v2', '/open311/v2/'])
      assert.equal(
        (await request(context.app).get(path).expect(302)).headers.location,
        '/open311/v2/discovery.json',
        path,
      );
  });

  it('links the feed and the GeoJSON in the page’s language, which a feed reader or a program has no cookie to keep', async () => {
    const titles = {
      lv: 'Tilts: ziņojumi Rēzeknes novadā',
      en: 'Tilts: reports in Rēzekne Municipality',
      ru: 'Tilts: сообщения в Резекненском крае',
    };
    const openStatus = { lv: 'Atvērts', en: 'Open', ru: 'Открыто' };
    for (const language of ['lv', 'en', 'ru'] as const) {
      const page = (await request(context.app).get(`/open-data?lang=${language}`).expect(200)).text;
      const link = (qa: string) =>
        new RegExp(`<a href="([^"]+)" data-qa="${qa}">`).exec(page)![1]!.replace(/&amp;/g, '&');
      // Fetched as a feed reader or a script does: with no cookie and no Accept-Language.
      const feed = await request(context.app).get(link('feed-link')).expect(200);
      assert.ok(
        feed.text.includes(`<title>${titles[language]}</title>`),
        `${language}: ${link('feed-link')}`,
      );
      const geojson = await request(context.app).get(link('geojson-link')).expect(200);
      const statuses = (
        geojson.body as { features: { properties: { status: string; statusText: string } }[] }
      ).features
        .filter((feature) => feature.properties.status === 'open')
        .map((feature) => feature.properties.statusText);
      assert.ok(statuses.length > 0, 'an open report with a place');
      assert.deepEqual([...new Set(statuses)], [openStatus[language]], language);
    }
  });
});

describe('open data of many reports', () => {
  let context: TestContext;
  const refs: string[] = [];

  before(async () => {
    context = await makeApp();
    for (let i = 0; i < 7; i += 1)
      refs.push((await makeReport(context.services, { parish: 'kaunatas' })).report.ref);
  });

  /** The app with open data read in batches of two, and three reports a sitemap part. */
  const smallBatches = (repository = new OpenDataRepository(context.services.knex)) =>
    createApp({
      ...context.services,
      openData: new OpenDataService({
        openData: repository,
        reference: context.services.reference,
        settings: { publicUrl: context.config.publicUrl },
        publicWords: context.services.publicWords,
        sizes: { batch: 2, reportsPerSitemap: 3 },
      }),
    });

  it('reads the reports batch after batch, each once, in order', async () => {
    const app = smallBatches();
    const csv = await request(app).get('/open-data/reports.csv').expect(200);
    assert.deepEqual(
      parseCsv(csv.text)
        .slice(1)
        .map((row) => row[0]),
      refs,
    );
    const json = await request(app).get('/open-data/reports.json').expect(200);
    assert.deepEqual(
      (JSON.parse(json.text) as { reports: JsonReport[] }).reports.map((report) => report.ref),
      refs,
    );
  });

  it('splits a sitemap that is too long into parts listed by an index', async () => {
    const app = smallBatches();
    const index = await request(app).get('/sitemap.xml').expect(200);
    assert.equal(XMLValidator.validate(index.text), true);
    const { sitemapindex } = new XMLParser().parse(index.text) as {
      sitemapindex: { sitemap: { loc: string }[] };
    };
    assert.deepEqual(
      sitemapindex.sitemap.map((sitemap) => sitemap.loc),
      [1, 2, 3].map((part) => `http://tilts.test/sitemap-${part}.xml`),
    );
    const listed: string[] = [];
    for (const part of [1, 2, 3]) {
      const res = await request(app).get(`/sitemap-${part}.xml`).expect(200);
      assert.equal(XMLValidator.validate(res.text), true);
      const { urlset } = new XMLParser({ isArray: (name) => name === 'url' }).parse(res.text) as {
        urlset: { url: { loc: string }[] };
      };
      listed.push(...urlset.url.map((url) => url.loc));
    }
    assert.deepEqual(
      listed.filter((loc) => loc.includes('/reports/RZN-')),
      refs.map((ref) => `http://tilts.test/reports/${ref}`),
    );
    assert.equal(listed.filter((loc) => loc === 'http://tilts.test/').length, 1, 'the fixed pages once');
    for (const part of ['4', '0', 'abc', '99999999'])
      await request(app).get(`/sitemap-${part}.xml`).expect(404);
  });

  it('cuts the connection when reading fails half-way, so a partial file never looks complete', async () => {
    const real = new OpenDataRepository(context.services.knex);
    let calls = 0;
    const failing = Object.assign(Object.create(real) as OpenDataRepository, {
      reports: (...args: Parameters<OpenDataRepository['reports']>) => {
        calls += 1;
        return calls > 1 ? Promise.reject(new Error('the database went away')) : real.reports(...args);
      },
    });
    // A CSV (not JSON, which would also fail to parse when cut short) that is ended cleanly would pass.
    await assert.rejects(
      request(smallBatches(failing)).get('/open-data/reports.csv'),
      /aborted|socket hang up|ECONNRESET/,
    );
    assert.equal(calls, 2);
  });
});
