import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, pageWeights, weighPage } from '../../bench/weights.js';
import { makeApp, type TestContext } from '../support/app.js';
import { showMap } from '../support/browser-pages.js';
import { makeReport } from '../support/reports.js';

// One grey tile for every tile: the map loads nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

describe('light pages in headless Chromium', () => {
  let context: TestContext;
  let server: Server;
  let base: string;
  let browser: Browser;
  let reportPath: string;

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    for (const [parish, lat, lon] of [
      ['kaunatas', 56.45, 27.33],
      ['maltas', 56.34, 27.17],
    ] as const) {
      const { report } = await makeReport(context.services, { parish, lat, lon, photos: 1 });
      reportPath = `/reports/${report.ref}`;
    }
    server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page with the site's own Content-Security-Policy in force, and what it complained about. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { page, problems };
  }

  it('meets every page-weight target on a first visit, photos and tiles not counted', async () => {
    const weights = await pageWeights(base, reportPath);
    assert.equal(weights.length, 5);
    for (const { page, javascript, bytes, targetBytes } of weights) {
      assert.ok(bytes > 1000, `${page} weighed something (${bytes} B)`);
      assert.ok(
        bytes <= targetBytes,
        `${page} ${javascript ? 'with' : 'without'} JavaScript: ${bytes} B > ${targetBytes} B`,
      );
    }
  });

  it('fetches nothing of Leaflet without JavaScript, and the list and form are whole', async () => {
    for (const path of ['/reports/new', '/map', '/reports', '/']) {
      const { urls } = await weighPage(browser, base, path, false);
      assert.deepEqual(
        urls.filter((url) => /leaflet|markercluster|map\.|map-loader/i.test(url)),
        [],
        `${path} without JavaScript`,
      );
      assert.ok(
        urls.some((url) => /\/static\/css\/site\.[0-9a-f]{8}\.css$/.test(url)),
        `${path} has its style sheet`,
      );
    }
  });

  it('on a phone, fetches Leaflet for the form only when its map nears the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(request.url()));
    await page.goto(`${base}/reports/new?lang=en`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    assert.ok(
      fetched.some((url) => /map-loader/.test(url)),
      'the loader itself comes with the page',
    );
    assert.deepEqual(
      fetched.filter((url) => /leaflet|report-map/.test(url)),
      [],
      'nothing of the map while it is three screens down',
    );
    await showMap(page);
    await page.waitForSelector('[data-qa="map"].leaflet-container');
    assert.ok(fetched.some((url) => /\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.js$/.test(url)));
    await context.close();
  });

  it('draws the report form’s map under the site’s CSP, and a click drops a pin with its icon', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/reports/new?lang=en`);
    await showMap(page);
    const map = page.locator('[data-qa="map"]');
    await page.waitForSelector('[data-qa="map"] .leaflet-tile-loaded');
    // Leaflet's own style sheet arrived: its panes are positioned, the control has its look.
    assert.equal(
      await page
        .locator('.leaflet-pane')
        .first()
        .evaluate((el) => getComputedStyle(el).position),
      'absolute',
    );
    await map.click();
    assert.match(await page.inputValue('#field-lat'), /^56\.\d+$/);
    const icon = page.locator('[data-qa="map"] img.leaflet-marker-icon');
    await icon.waitFor();
    // The marker's picture is found relative to leaflet.css, whose URL carries a hash.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-qa="map"] img.leaflet-marker-icon');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    assert.match(
      (await icon.getAttribute('src')) ?? '',
      /\/static\/vendor\/leaflet\/images\/marker-icon\.png$/,
    );
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('draws /map with its clustered pins under the site’s CSP', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/map?lang=en`);
    await page.waitForSelector('[data-qa="reports-map"] .leaflet-marker-icon');
    assert.match((await page.textContent('[data-qa="reports-map-status"]')) ?? '', /\b2\b/);
    const sheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href ?? ''));
    assert.ok(
      sheets.some((href) => /MarkerCluster\.Default\.[0-9a-f]{8}\.css$/.test(href)),
      sheets.join(', '),
    );
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
