import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { PageChecker, showMap } from '../support/browser-pages.js';
import { makeReport } from '../support/reports.js';

// One grey tile for every tile: the map loads nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

/** Every visible element a selector finds, with its size on the page, as CSS pixels. */
function sizes(page: Page, selector: string) {
  return page.$$eval(selector, (elements) =>
    elements
      .map((element) => {
        const box = element.getBoundingClientRect();
        return { text: (element.textContent ?? '').trim(), width: box.width, height: box.height };
      })
      .filter((box) => box.width > 0 && box.height > 0),
  );
}

/**
 * On a phone (360 CSS px) the links a thumb picks from a list, and the map's controls, are targets
 * a thumb can hit: listed links 36 px high or more (their text alone was 20), fields and the map's
 * zoom buttons 44 px, its attribution at 14 px.
 */
describe('targets for a thumb, on a phone', () => {
  let context: TestContext;
  let pages: PageChecker;
  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    await makeReport(context.services, { lat: 56.45, lon: 27.33 });
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  it('the home page’s places and the footer’s links', async () => {
    const page = await pages.open();
    await page.goto(pages.at('/', 'lv'));
    const listed = await sizes(page, '[data-qa="apvienibas"] a, .site-footer a');
    // Five apvienības, 29 places, three footer links.
    assert.equal(listed.length, 37);
    for (const link of listed) assert.ok(link.height >= 36, `${link.text}: ${link.height} px high`);
  });

  it('the statistics’ month fields', async () => {
    const page = await pages.open();
    await page.goto(pages.at('/statistics', 'lv'));
    const fields = await sizes(page, 'input[type="month"]');
    assert.equal(fields.length, 2);
    for (const field of fields) assert.ok(field.height >= 44, `a month field ${field.height} px high`);
  });

  it('the map’s zoom buttons and attribution', async () => {
    const page = await pages.open();
    await page.goto(pages.at('/map', 'lv'));
    await showMap(page);
    await page.waitForSelector('.leaflet-control-zoom-in');
    for (const button of await sizes(page, '.leaflet-bar a')) {
      assert.ok(
        button.width >= 44 && button.height >= 44,
        `${button.text}: ${button.width}×${button.height}`,
      );
    }
    const fontSize = await page.$eval(
      '.leaflet-control-attribution',
      (element) => getComputedStyle(element).fontSize,
    );
    assert.equal(fontSize, '14px');
    for (const link of await sizes(page, '.leaflet-control-attribution a')) {
      assert.ok(link.height >= 36, `${link.text}: ${link.height} px high`);
    }
  });
});
