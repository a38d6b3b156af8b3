import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

const PAGES = [
  '/',
  '/accessibility',
  '/privacy',
  '/open-data',
  '/no-such-page',
  '/reports',
  '/reports?parish=vilani&apvieniba=kaunatas',
  '/reports/new',
  '/reports/new?category=elderly-help',
  '/reports/sent',
  '/reports/sent?private=1',
  '/reports/sent?confirmed=1',
  '/help/offer/sent?confirmed=1',
  '/dev/mailbox',
];
const LANGUAGES = ['lv', 'en', 'ru'];

describe('accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const language of LANGUAGES) {
    for (const path of PAGES) {
      it(`${path} in ${language} has no violations, on a phone and on a desktop`, async () => {
        for (const viewport of [
          { width: 360, height: 740 },
          { width: 1280, height: 900 },
        ]) {
          // bypassCSP lets the test inject axe; the page itself runs under its real policy otherwise.
          const context = await browser.newContext({ viewport, bypassCSP: true });
          const page = await context.newPage();
          const response = await page.goto(
            `${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`,
          );
          assert.ok(response);
          assert.equal(await page.getAttribute('html', 'lang'), language);
          const violations = await axeViolations(page);
          await context.close();
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        }
      });
    }
  }
});

describe('the accessibility checker itself', () => {
  it('finds the violations of a page built to fail, so a clean result means something', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent('<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>');
      const ids = (await axeViolations(page)).map((violation) => violation.id);
      assert.ok(ids.includes('image-alt'), ids.join());
      assert.ok(ids.includes('html-has-lang'), ids.join());
      assert.ok(ids.includes('label'), ids.join());
    } finally {
      await browser.close();
    }
  });
});
