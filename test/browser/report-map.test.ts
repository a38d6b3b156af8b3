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
        // Checked once the pins are drawn: the map, its clusters and its status, on both sizes.
        await pages.check(page, response, 200, language, `${path} with its pins`);
      }
      // A lone pin opens its popup (made only when asked for) with a link to its report.
      await page.click('[data-qa="reports-map"] .leaflet-marker-icon:not(.marker-cluster)');
      const link = page.locator('[data-qa="reports-map"] .leaflet-popup-content a');
      await link.waitFor();
      assert.equal(await link.textContent(), 'Bedre 3');
      assert.match((await link.getAttribute('href')) ?? '', /^\/reports\/RZN-/);
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
