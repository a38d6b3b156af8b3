import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker, showMap } from '../support/browser-pages.js';
import { makeReport } from '../support/reports.js';

// One grey tile for every tile: the map loads nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

/** Whether the whole of an element is inside the window. */
const inView = (page: Page, selector: string) =>
  page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });

/**
 * WCAG points a keyboard and a screen reader meet that axe-core cannot judge: error summaries take
 * focus and their links bring a field into view with its label, hint and error; the map pin is
 * placed with the keyboard and suggests the parish, as typed coordinates do; and words in another
 * language than the page carry their `lang` in the browser's own reading of the page.
 */
describe('WCAG 2.1 AA beyond axe-core: error summaries, the map by keyboard, language of parts', () => {
  let context: TestContext;
  let pages: PageChecker;
  let russianRef: string;
  let own: { ref: string; token: string };

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    const { services } = context;
    const russian = await makeReport(services, {
      title: 'Яма на дороге у школы',
      description: 'Большая яма возле автобусной остановки.',
      location: 'Школьная улица 1',
    });
    await services.knex('reports').where({ id: russian.report.id }).update({ language: 'ru' });
    russianRef = russian.report.ref;
    const mine = await makeReport(services, { title: 'Salauzts sols parkā' });
    own = { ref: mine.report.ref, token: mine.token };
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`the report form's error summary takes focus, and its links show each field's label and error, in ${language}`, async () => {
      const page = await pages.open();
      await page.goto(pages.at('/reports/new', language));
      await Promise.all([
        page.waitForSelector('[data-qa="error-summary"]'),
        page.click('[data-qa="submit"]'),
      ]);
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-qa')),
        'error-summary',
      );
      const links = await page.$$eval('[data-qa="error-summary"] a[href^="#field-"]', (anchors) =>
        anchors.map((anchor) => anchor.getAttribute('href')!),
      );
      assert.ok(links.length >= 3, `${links.length} links`);
      for (const href of links) {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.click(`[data-qa="error-summary"] a[href="${href}"]`);
        const id = href.slice(1);
        // The field, its label and its error are all on the screen (not scrolled above it).
        assert.ok(await inView(page, `#${id}`), `${href}: the field is in view`);
        assert.ok(await inView(page, `label[for="${id}"], #${id}-legend`), `${href}: its label is in view`);
        if (await page.$(`#${id}-error`)) assert.ok(await inView(page, `#${id}-error`), `${href}: its error`);
      }
      await page.context().close();
    });

    it(`the comment form's error summary on the reporter's page takes focus, after the h1, in ${language}`, async () => {
      const page = await pages.open();
      await page.goto(pages.at(`/reports/${own.ref}?token=${own.token}`, language));
      const headings = await page.$$eval('main h1, main h2', (list) => list.map((h) => h.tagName));
      assert.equal(headings[0], 'H1', 'no h2 before the h1');
      // The reporter's private page has a title of its own, not the public page's.
      assert.notEqual(await page.title(), `${(await page.textContent('h1'))!.trim()} — Tilts`);
      await Promise.all([
        page.waitForSelector('[data-qa="error-summary"]'),
        page.click('[data-qa="action-comment"]'),
      ]);
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-qa')),
        'error-summary',
      );
      await page.click('[data-qa="error-summary"] a[href="#action-text"]');
      assert.ok(await inView(page, 'label[for="action-text"]'), 'the label is in view');
      assert.ok(await inView(page, '#action-text-error'), 'the error is in view');
      await page.context().close();
    });
  }

  it('places the pin with Enter at the map’s centre and suggests the parish, by keyboard alone', async () => {
    const page = await pages.open();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pages.at('/reports/new', 'en'));
    const map = page.locator('[data-qa="map"]');
    await map.waitFor();
    // Tab until the map has focus, as a keyboard user would.
    for (let press = 0; press < 60; press += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-qa') === 'map')) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-qa')), 'map');
    assert.ok(await page.isVisible('.map__crosshair'), 'the cross shows where the pin will go');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const lat = Number(await page.inputValue('#field-lat'));
    const lon = Number(await page.inputValue('#field-lon'));
    assert.ok(lat > 55.6 && lat < 58.1 && lon > 20.9 && lon < 28.3, `${lat}, ${lon}`);
    assert.notEqual(await page.inputValue('#field-parish'), '');
    assert.match((await page.textContent('[data-qa="map-status"]'))!, /Parish chosen from the pin: /);
    assert.equal(await page.locator('.leaflet-marker-icon').count(), 1);
    await page.context().close();
  });

  it('suggests the parish when coordinates are typed, as a pin does', async () => {
    const page = await pages.open();
    await page.goto(pages.at('/reports/new', 'lv'));
    await showMap(page);
    await page.locator('[data-qa="map"]').waitFor();
    await page.fill('#field-lat', '56.4497');
    await page.fill('#field-lon', '27.3281');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.inputValue('#field-parish'), '');
    assert.match((await page.textContent('[data-qa="map-status"]'))!, /Pagasts izvēlēts pēc atzīmes: /);
    assert.equal(await page.locator('.leaflet-marker-icon').count(), 1);
    await page.context().close();
  });

  it('gives a Russian report on the Latvian pages its own lang, as the browser reads it', async () => {
    const page = await pages.open();
    for (const path of [`/reports/${russianRef}`, '/reports', '/map']) {
      await page.goto(pages.at(path, 'lv'));
      const languages = await page.$$eval('main *', (elements) =>
        elements
          .filter((element) => /Яма на дороге|Школьная улица|Большая яма/.test(element.textContent ?? ''))
          .filter(
            (element) =>
              ![...element.children].some((child) => /Яма|Школьная|Большая/.test(child.textContent ?? '')),
          )
          .map((element) => element.closest('[lang]')?.getAttribute('lang')),
      );
      assert.ok(languages.length >= 2, `${path}: ${languages.length} texts`);
      assert.deepEqual([...new Set(languages)], ['ru'], path);
    }
    await page.context().close();
  });
});
