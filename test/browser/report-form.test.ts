import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Signer } from '../../src/security/signing.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { showMap } from '../support/browser-pages.js';
import { startServer, type RunningServer } from '../support/server.js';
import { reflowAndSpacing, tabWalk } from '../support/wcag-checks.js';

const LANGUAGES = ['lv', 'en', 'ru'];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];
// The test signs its own confirmation tokens with the secret it gives the server.
const SECRET = 'browser-test-secret-for-the-report-form';
// One grey tile for every tile: the map loads nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

async function fillReport(page: Page, fields: { title: string; email: string }) {
  await page.selectOption('#field-category', 'roads');
  await page.selectOption('#field-parish', 'kaunatas');
  await page.fill('#field-title', fields.title);
  await page.fill('#field-description', 'Liela bedre ceļa vidū.');
  await page.fill('#field-location', 'Kaunata, Skolas iela 1');
  await page.fill('#field-name', 'Anna Kalniņa');
  await page.fill('#field-email', fields.email);
}

async function expectNoViolations(page: Page, what: string) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 2)}`);
}

describe('the report form in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ) {
    // bypassCSP only lets the test inject axe-core; the page's own scripts are files on our origin.
    const context = await browser.newContext({ bypassCSP: true, viewport: VIEWPORTS[1], ...options });
    contexts.push(context);
    return context.newPage();
  }

  before(async () => {
    // INBOUND_DOMAIN: reply addresses at the default host "localhost" are refused by the outbox.
    server = await startServer({
      SEED_DEMO: 'no',
      SECRET,
      MAP_TILE_URL: TILE,
      INBOUND_DOMAIN: 'tilts.example.org',
    });
    browser = await launchBrowser();
    // One confirmed report in roads / Kaunata, so a second one there goes through the review step.
    const page = await newPage();
    // In English, as headless Chromium asks for it anyway: the page after the form keeps it.
    await page.goto(`${server.url}/reports/new?lang=en`);
    await fillReport(page, { title: 'Bedre Skolas ielā', email: 'first@example.lv' });
    await Promise.all([page.waitForURL(/\/reports\/sent\?lang=en$/), page.click('[data-qa="submit"]')]);
    const token = new Signer(SECRET).expiring('confirm-report', '1', new Date(Date.now() + 86_400_000));
    await page.goto(`${server.url}/reports/confirm/${token}`);
    await Promise.all([
      page.waitForSelector('[data-qa="report-confirmed"]'),
      page.click('[data-qa="confirm-button"]'),
    ]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hides the public-name choice as soon as a private category is chosen, without JavaScript', async () => {
    const page = await newPage();
    // axe-core itself needs JavaScript, so "without" means our scripts never arrive: CSS does it.
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${server.url}/reports/new?lang=en`);
    assert.equal(await page.isVisible('#field-show_name'), true);
    assert.equal(await page.isVisible('[data-qa="show-name-private-note"]'), false);
    await page.selectOption('#field-category', 'elderly-help');
    assert.equal(await page.isVisible('#field-show_name'), false);
    assert.equal(await page.isVisible('[data-qa="show-name-private-note"]'), true);
    await expectNoViolations(page, 'a private category chosen');
    await page.selectOption('#field-category', 'roads');
    assert.equal(await page.isVisible('#field-show_name'), true);
  });

  for (const language of LANGUAGES) {
    it(`/reports/new in ${language} has no axe violations, on a phone and a desktop, with and without JavaScript`, async () => {
      for (const viewport of VIEWPORTS) {
        for (const withScripts of [true, false]) {
          const page = await newPage({ viewport });
          // axe-core itself needs JavaScript, so "without" means our scripts never arrive.
          if (!withScripts) await page.route('**/*.js', (route) => route.abort());
          await page.goto(`${server.url}/reports/new?lang=${language}`);
          assert.equal(await page.getAttribute('html', 'lang'), language);
          if (withScripts) {
            await showMap(page);
            await page.waitForSelector('[data-qa="map"] .leaflet-tile-loaded');
          } else assert.equal(await page.locator('[data-qa="map"]').count(), 0);
          await expectNoViolations(page, `${viewport.width}px, scripts ${withScripts ? 'on' : 'off'}`);
        }
      }
    });

    it(`the form sent empty in ${language} shows its errors with no axe violations, focus on the summary`, async () => {
      const page = await newPage({ viewport: VIEWPORTS[0] });
      await page.goto(`${server.url}/reports/new?lang=${language}`);
      await Promise.all([
        page.waitForSelector('[data-qa="error-summary"]'),
        page.click('[data-qa="submit"]'),
      ]);
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-qa')),
        'error-summary',
      );
      await page.click('.error-summary a[href="#field-title"]');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-title');
      await expectNoViolations(page, 'form with errors');
    });
  }

  it('switches the language of the form shown again by keyboard, without JavaScript, keeping what was typed and its errors', async () => {
    const page = await newPage({ viewport: VIEWPORTS[0] });
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${server.url}/reports/new?lang=lv`);
    await fillReport(page, { title: 'Bedre pie tilta', email: '' });
    await page.check('#field-show_name');
    await Promise.all([page.waitForSelector('[data-qa="error-summary"]'), page.click('[data-qa="submit"]')]);
    const english = page.locator('[data-qa="language-switch"][lang="en"]');
    assert.equal(await english.evaluate((button) => button.tagName), 'BUTTON');
    // It looks like the links it stands for: no button face, the links' colour and underline.
    const looks = await english.evaluate((button) => {
      const style = getComputedStyle(button);
      return [style.backgroundColor, style.borderTopWidth, style.textDecorationLine];
    });
    assert.deepEqual(looks, ['rgba(0, 0, 0, 0)', '0px', 'underline']);
    await expectNoViolations(page, 'the form with errors, its languages as buttons');
    // Focus shows on each of them, and they reflow and take text spacing as the links do.
    assert.deepEqual([...(await tabWalk(page, { limit: 8 })), ...(await reflowAndSpacing(page))], []);
    await english.focus();
    await Promise.all([page.waitForURL(/\/reports\?lang=en$/), page.keyboard.press('Enter')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.inputValue('#field-title'), 'Bedre pie tilta');
    assert.equal(await page.inputValue('#field-description'), 'Liela bedre ceļa vidū.');
    assert.equal(await page.inputValue('#field-parish'), 'kaunatas');
    assert.equal(await page.isChecked('#field-show_name'), true);
    // Its error is said again, in English, and still leads to its field.
    assert.match((await page.textContent('[data-qa="error-summary"]'))!, /Enter your email address\./);
    assert.equal(await page.getAttribute('#field-email', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('[data-qa="language-switch"][aria-current="true"]', 'lang'), 'en');
    await expectNoViolations(page, 'the form switched to English, with its errors');
    // The form then goes on as usual: to the review of the report nearby, which switches too.
    await page.fill('#field-email', 'switched@example.lv');
    await Promise.all([page.waitForSelector('[data-qa="nearby"]'), page.click('[data-qa="submit"]')]);
    await Promise.all([
      page.waitForURL(/\/reports\?lang=ru$/),
      page.click('[data-qa="language-switch"][lang="ru"]'),
    ]);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.match((await page.textContent('[data-qa="nearby"]'))!, /Bedre Skolas ielā/);
    // Sent, the page after it keeps the language the form was sent in.
    await Promise.all([
      page.waitForURL(/\/reports\/sent\?lang=ru$/),
      page.click('[data-qa="send-anyway-button"]'),
    ]);
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  });

  it('the review step, the sent page and the confirm pages have no axe violations', async () => {
    const page = await newPage({ viewport: VIEWPORTS[0] });
    await page.goto(`${server.url}/reports/new?lang=en`);
    await fillReport(page, { title: 'Another pothole', email: 'second@example.lv' });
    await Promise.all([page.waitForSelector('[data-qa="nearby"]'), page.click('[data-qa="submit"]')]);
    assert.match((await page.textContent('[data-qa="nearby"]'))!, /Bedre Skolas ielā/);
    await expectNoViolations(page, 'review');

    await Promise.all([
      page.waitForURL(/\/reports\/sent\?lang=en$/),
      page.click('[data-qa="send-anyway-button"]'),
    ]);
    await expectNoViolations(page, 'sent');

    // A link that does not work says so as it opens.
    await page.goto(`${server.url}/reports/confirm/not-a-real-token?lang=ru`);
    await page.waitForSelector('[data-qa="confirm-failed"]');
    await expectNoViolations(page, 'confirm failed');

    const token = new Signer(SECRET).expiring('confirm-report', '2', new Date(Date.now() + 86_400_000));
    await page.goto(`${server.url}/reports/confirm/${token}?lang=lv`);
    await expectNoViolations(page, 'confirm');
    await Promise.all([
      page.waitForSelector('[data-qa="report-confirmed"]'),
      page.click('[data-qa="confirm-button"]'),
    ]);
    await expectNoViolations(page, 'confirmed');
  });

  it('with JavaScript, the map appears and a click fills the coordinates and suggests the parish', async () => {
    const page = await newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    await page.goto(`${server.url}/reports/new?lang=en`);
    const map = page.locator('[data-qa="map"]');
    await map.waitFor();
    assert.equal(await page.inputValue('#field-lat'), '');
    await map.click();
    const lat = Number(await page.inputValue('#field-lat'));
    const lon = Number(await page.inputValue('#field-lon'));
    assert.ok(lat > 55.6 && lat < 58.1, `latitude ${lat}`);
    assert.ok(lon > 20.9 && lon < 28.3, `longitude ${lon}`);
    assert.notEqual(await page.inputValue('#field-parish'), '');
    assert.match((await page.textContent('[data-qa="map-status"]'))!, /Parish chosen from the pin: /);
    assert.equal(await page.locator('.leaflet-marker-icon').count(), 1);
    assert.deepEqual(refused, [], 'no script or style was refused by the Content-Security-Policy');
  });

  it('keeps a parish the resident chose when the pin is dropped elsewhere', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/reports/new?parish=maltas`);
    await page.locator('[data-qa="map"]').click();
    assert.notEqual(await page.inputValue('#field-lat'), '');
    assert.equal(await page.inputValue('#field-parish'), 'maltas');
  });

  it('without JavaScript there is no map, and the coordinates are plain text fields', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/reports/new`);
    assert.equal(await page.locator('[data-qa="map"]').count(), 0);
    assert.ok(await page.isVisible('#field-lat'));
    assert.ok(await page.isEditable('#field-lon'));
  });
});
