import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeReport } from '../support/reports.js';

// One grey tile for every tile: the map loads nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

describe('the map of reports in headless Chromium, with JavaScript and without', () => {
  let context: TestContext;
  let pages: PageChecker;

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    const places: [string, number, number][] = [
      ['kaunatas', 56.45, 27.33],
      ['kaunatas', 56.4502, 27.3302],
      ['maltas', 56.34, 27.17],
    ];
    for (const [index, [parish, lat, lon]] of places.entries())
      await makeReport(context.services, { title: `Bedre ${index + 1}`, parish, lat, lon });
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  const LEAFLET = {
    lv: 'JavaScript bibliotēka interaktīvām kartēm',
    en: 'A JavaScript library for interactive maps',
    ru: 'Библиотека JavaScript для интерактивных карт',
  };
  const CLUSTER = { lv: /^Ziņojumi šeit: 2\./, en: /^Reports here: 2\./, ru: /^Сообщений здесь: 2\./ };
  for (const language of LANGUAGES) {
    it(`draws the pins of the list’s query, clustered, and says how many, in ${language}`, async () => {
      const page = await pages.open();
      for (const [path, count] of [
        ['/map', 3],
        ['/map?parish=maltas', 1],
      ] as const) {
        const response = await page.goto(pages.at(path, language));
        await page.waitForSelector('[data-qa="reports-map"] .leaflet-marker-icon');
        assert.match(
          (await page.textContent('[data-qa="reports-map-status"]')) ?? '',
          new RegExp(`\\b${count}\\b`),
        );
        if (count > 1) {
          // A cluster is named in words, not by its number alone.
          const cluster = page.locator('[data-qa="reports-map"] .marker-cluster .visually-hidden').first();
          assert.match((await cluster.textContent()) ?? '', CLUSTER[language]);
        }
        // Checked once the pins are drawn: the map, its clusters and its status, on both sizes.
        await pages.check(page, response, 200, language, `${path} with its pins`);
      }
      // Leaflet's credit speaks the page's language.
      const credit = page.locator(
        '[data-qa="reports-map"] .leaflet-control-attribution a[href="https://leafletjs.com"]',
      );
      assert.equal(await credit.getAttribute('title'), LEAFLET[language]);
      // A lone pin opens its popup (made only when asked for) with a link to its report.
      await page.click('[data-qa="reports-map"] .leaflet-marker-icon:not(.marker-cluster)');
      const link = page.locator('[data-qa="reports-map"] .leaflet-popup-content a');
      await link.waitFor();
      assert.equal(await link.textContent(), 'Bedre 3');
      assert.match((await link.getAttribute('href')) ?? '', /^\/reports\/RZN-/);
      // The title is Latvian: on a page in another language the link and the pin say so.
      const lone = page.locator('[data-qa="reports-map"] .leaflet-marker-icon:not(.marker-cluster)');
      for (const element of [link, lone.first()])
        assert.equal(await element.getAttribute('lang'), language === 'lv' ? null : 'lv', language);
      await page.context().close();
    });

    it(`is the list itself without JavaScript, in ${language}`, async () => {
      // The page's scripts never arrive (axe, which the test injects, still runs).
      const page = await pages.open();
      await page.route('**/*.js', (route) => route.abort());
      await pages.visit(page, '/map', language);
      assert.equal(await page.locator('[data-qa="reports-map"]').count(), 0);
      assert.equal(await page.locator('[data-qa="report-item"]').count(), 3);
      await page.context().close();
    });
  }
});

describe('the map of many reports in headless Chromium: parishes first, their pins when opened', () => {
  let context: TestContext;
  let pages: PageChecker;
  // More than the map draws as pins at once (PINS_AT_ONCE in public/js/reports-map.js); Viļāni
  // town and Viļāni parish share a centre, so their bubbles are always joined.
  const IN_KAUNATA = 400;
  const IN_MALTA = 200;
  const IN_VILANI = 50;
  const TOTAL = IN_KAUNATA + IN_MALTA + 2 * IN_VILANI;

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    await context.services.knex.raw(
      `insert into reports (ref, category_code, parish_code, is_private, title, description, location,
         lat, lon, reporter_name, reporter_email, status, confirmed_at, routed_at, created_at, updated_at)
       select 'RZN-2026-8' || lpad(n::text, 4, '0'), 'roads', case when n <= ? then 'kaunatas' else 'maltas' end,
         false, 'Bedre nr. ' || n, 'Bedre ceļa vidū.', 'Pie ceļa',
         case when n <= ? then 56.45 else 56.34 end + (n % 20) / 1000.0,
         case when n <= ? then 27.33 else 27.17 end + (n % 17) / 1000.0,
         'Iedzīvotājs', 'kartes.tests@example.org', 'open', ts, ts, ts, ts
       from (select n, now() - n * interval '1 minute' as ts from generate_series(1, ?::int) n) s`,
      [IN_KAUNATA, IN_KAUNATA, IN_KAUNATA, IN_KAUNATA + IN_MALTA],
    );
    await context.services.knex.raw(
      `insert into reports (ref, category_code, parish_code, is_private, title, description, location,
         lat, lon, reporter_name, reporter_email, status, confirmed_at, routed_at, created_at, updated_at)
       select 'RZN-2026-7' || lpad(n::text, 4, '0'), 'roads', case when n % 2 = 0 then 'vilani' else 'vilanu' end,
         false, 'Bedre Viļānos nr. ' || n, 'Bedre ceļa vidū.', 'Pie ceļa', 56.55 + (n % 9) / 1000.0,
         26.92 + (n % 7) / 1000.0, 'Iedzīvotājs', 'kartes.tests@example.org', 'open', ts, ts, ts, ts
       from (select n, now() - n * interval '1 minute' as ts from generate_series(1, ?::int) n) s`,
      [2 * IN_VILANI],
    );
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`shows each parish with its count, and opens one to its pins with the keyboard, in ${language}`, async () => {
      const page = await pages.open();
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/map/pins.json')) fetched.push(new URL(request.url()).search);
      });
      const response = await page.goto(pages.at('/map', language));
      const status = page.locator('[data-qa="reports-map-status"]');
      await page.waitForSelector('[data-qa="reports-map"] .map-parish');
      await status.filter({ hasText: String(TOTAL) }).waitFor();
      assert.deepEqual(fetched, [], 'no pin is fetched before a parish is opened');
      // Each bubble is a button named by its parish and count, in the page's language.
      const malta = page.getByRole('button', { name: new RegExp(`: ${IN_MALTA}\\b`) });
      const kaunata = page.getByRole('button', { name: new RegExp(`: ${IN_KAUNATA}\\b`) });
      assert.equal(await malta.count(), 1);
      assert.equal(await kaunata.count(), 1);
      assert.match((await malta.textContent()) ?? '', language === 'ru' ? /Малт/ : /Malt/);
      await pages.check(page, response, 200, language, '/map with its parishes');

      // Enter on Malta's bubble fetches its pins alone, draws them and says so.
      await malta.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-qa="reports-map"] .marker-cluster');
      await status
        .filter({ hasText: `${IN_MALTA}` })
        .filter({ hasText: `${TOTAL}` })
        .waitFor();
      assert.deepEqual(fetched, [`?lang=${language}&parish=maltas`]);
      assert.equal(await malta.count(), 0, 'the opened parish’s bubble gives way to its pins');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'reports-map');
      await page.context().close();
    });
  }

  it('names a joined bubble by all its parishes, and Space zooms into it until they open', async () => {
    const page = await pages.open();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/map/pins.json'))
        fetched.push(new URL(request.url()).searchParams.get('parish')!);
    });
    await page.goto(pages.at('/map', 'en'));
    const joined = page.getByRole('button', { name: /Viļāni town: 50 reports; Viļāni parish: 50 reports/ });
    await joined.waitFor();
    assert.deepEqual(fetched, []);
    // Each Space zooms in (the keyboard goes back to the map); from zoom 12 the parishes in view open.
    for (let press = 0; press < 8 && fetched.length < 2; press += 1) {
      if ((await joined.count()) === 0) break;
      await joined.focus();
      await page.keyboard.press(' ');
      await page.waitForTimeout(700);
    }
    await page.waitForFunction(() => document.querySelectorAll('.marker-cluster').length > 0);
    assert.deepEqual(fetched.sort(), ['vilani', 'vilanu']);
    await page.context().close();
  });
});
