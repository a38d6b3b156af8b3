import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { makeReport, moveReport } from '../support/reports.js';
import { seedBeforeStart, serverDatabaseEnv } from '../support/seeded-server.js';
import { startServer, type RunningServer } from '../support/server.js';

const SECRET = 'browser-test-secret-0123456789';
const LANGUAGES = ['lv', 'en', 'ru'];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

/** More than a page of public reports, one with a full timeline, and a private one. */
async function seedReports(dataDir: string) {
  return seedBeforeStart(dataDir, SECRET, async (services) => {
    // More than a page of them, so the pagination is checked too.
    for (let i = 0; i < 21; i += 1) await makeReport(services, { parish: i % 2 ? 'kaunatas' : 'dricanu' });
    const full = await makeReport(services, {
      title: 'Bedre pie skolas <b>ļoti</b> dziļa',
      description:
        'Bedre ir apmēram metru plata.\nPēc lietus tā pilna ar ūdeni, un autobuss to apbrauc pa pretējo joslu.',
      location: 'Skolas iela 1, Kaunata',
      lat: 56.3391,
      lon: 27.5467,
      showName: true,
      photos: 2,
    });
    await moveReport(services, full.report, 'acknowledged', {
      role: 'parish_admin',
      text: 'Paldies, apskatīsim.',
    });
    await moveReport(services, full.report, 'in_progress', {
      role: 'social_worker',
      text: 'Nodots ceļu dienestam.',
    });
    const help = await makeReport(services, {
      category: 'elderly-help',
      title: 'Kaimiņienei vajag malku',
      photos: 1,
    });
    return {
      publicRef: full.report.ref,
      publicToken: full.token,
      privateRef: help.report.ref,
      privateToken: help.token,
    };
  });
}

describe('report pages in headless Chromium (axe-core, WCAG 2.1 AA)', () => {
  let server: RunningServer;
  let browser: Browser;
  let seeded: Awaited<ReturnType<typeof seedReports>>;

  before(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-report-pages-'));
    seeded = await seedReports(dataDir);
    server = await startServer({
      DATA_DIR: dataDir,
      SECRET,
      SEED_DEMO: 'no',
      ...serverDatabaseEnv(),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page at both sizes and fails with axe's findings if there are any. */
  async function check(url: string, language: string, act?: (page: Page) => Promise<void>) {
    for (const viewport of VIEWPORTS) {
      // bypassCSP lets the test inject axe; the page itself runs under its real policy otherwise.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      try {
        const page = await context.newPage();
        const response = await page.goto(
          `${server.url}${url}${url.includes('?') ? '&' : '?'}lang=${language}`,
        );
        assert.ok(response);
        if (act) await act(page);
        assert.equal(await page.getAttribute('html', 'lang'), language);
        const violations = await axeViolations(page);
        assert.deepEqual(
          violations,
          [],
          `${url} at ${viewport.width}px: ${JSON.stringify(violations, null, 2)}`,
        );
      } finally {
        await context.close();
      }
    }
  }

  for (const language of LANGUAGES) {
    it(`the list, filtered and paged, has no violations in ${language}`, async () => {
      await check('/reports', language);
      await check('/reports?parish=kaunatas&status=open&q=bedre', language);
      await check('/reports?page=2', language);
      await check('/reports?q=nothing-matches-this', language);
    });

    it(`a report's public page and a missing report have no violations in ${language}`, async () => {
      await check(`/reports/${seeded.publicRef}`, language);
      await check('/reports/RZN-2000-99999', language);
    });

    it(`following a report by email, from its page, with and without errors, has no violations in ${language}`, async () => {
      await check(`/reports/${seeded.publicRef}`, language, async (page) => {
        await Promise.all([page.waitForLoadState(), page.click('[data-qa="follow-link"] a')]);
        // A page links on in its language, cookie or not: Latvian too, since the test's browser
        // asks for English (Chromium's en-US), which alone would open the next page in English.
        assert.match(page.url(), new RegExp(`/reports/${seeded.publicRef}/follow\\?lang=${language}$`));
      });
      await check(`/reports/${seeded.publicRef}/follow`, language, async (page) => {
        // Nothing typed: the error summary first, each field marked.
        await Promise.all([page.waitForLoadState(), page.click('[data-qa="follow-submit"]')]);
        await page.waitForSelector('[data-qa="error-summary"]');
        assert.equal(await page.getAttribute('#field-email', 'aria-invalid'), 'true');
      });
      await check(`/reports/${seeded.publicRef}/follow`, language, async (page) => {
        await page.fill('#field-name', 'Olga');
        await page.fill('#field-email', `olga.${language}@example.org`);
        await Promise.all([page.waitForLoadState(), page.click('[data-qa="follow-submit"]')]);
        await page.waitForSelector('[data-qa="subscription-sent"]');
      });
    });

    it(`the reporter's private pages, with and without errors, have no violations in ${language}`, async () => {
      await check(`/reports/${seeded.publicRef}?token=${seeded.publicToken}`, language);
      await check(`/reports/${seeded.privateRef}?token=${seeded.privateToken}`, language, async (page) => {
        // An empty comment comes back with the error summary and the field marked invalid.
        await Promise.all([page.waitForLoadState(), page.click('[data-qa="action-comment"]')]);
        await page.waitForSelector('[data-qa="error-summary"]');
      });
      await check(`/reports/${seeded.privateRef}/withdraw?token=${seeded.privateToken}`, language);
      await check(
        `/reports/${seeded.privateRef}/withdraw?token=${seeded.privateToken}`,
        language,
        async (page) => {
          // A reason over the limit (the field's maxlength lifted, as a script-free old browser would):
          // the error summary first, leading to the field marked invalid.
          await page.evaluate(() => document.querySelector('#withdraw-text')!.removeAttribute('maxlength'));
          await page.fill('#withdraw-text', 'x'.repeat(5001));
          await Promise.all([page.waitForLoadState(), page.click('[data-qa="confirm-withdraw"]')]);
          await page.waitForSelector('[data-qa="error-summary"] a[href="#withdraw-text"]');
          assert.equal(await page.getAttribute('#withdraw-text', 'aria-invalid'), 'true');
        },
      );
    });
  }

  it('shows the photos of a public report and of the reporter’s private report', async () => {
    const page = await browser.newPage();
    try {
      for (const url of [
        `/reports/${seeded.publicRef}`,
        `/reports/${seeded.privateRef}?token=${seeded.privateToken}`,
        '/reports',
      ]) {
        await page.goto(`${server.url}${url}`);
        // Photos load lazily: bring each into view and let it finish before judging it.
        const broken = await page.$$eval('img', async (images) => {
          for (const image of images) {
            image.scrollIntoView();
            if (!image.complete) {
              await new Promise((resolve) => {
                image.addEventListener('load', resolve, { once: true });
                image.addEventListener('error', resolve, { once: true });
              });
            }
          }
          return images.filter((image) => image.naturalWidth === 0).map((image) => image.src);
        });
        assert.deepEqual(broken, [], url);
      }
    } finally {
      await page.close();
    }
  });
});
