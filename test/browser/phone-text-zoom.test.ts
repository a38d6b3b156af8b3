import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeReport, moveReport } from '../support/reports.js';
import { sidewaysScroll } from '../support/wcag-checks.js';

// One grey tile for every tile: the maps load nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

/**
 * A resident on a small phone (360 CSS px) who has set their text to 200 %, as many older readers
 * do: the pages they walk to report, follow, ask for or offer help and read the figures never
 * scroll sideways. WCAG's own reflow check (640 px with 200 % text, in wcag-beyond-axe) is wider than
 * such a phone, and long Russian words ("конфиденциальности") only broke out here.
 */
describe('the public pages on a 360 px phone with 200 % text', () => {
  let context: TestContext;
  let pages: PageChecker;
  const paths: string[] = [];

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    const { services } = context;
    const full = await makeReport(services, {
      title: 'Bedre pie skolas',
      location: 'Skolas iela 1, Kaunata',
      lat: 56.3391,
      lon: 27.5467,
      photos: 1,
    });
    await moveReport(services, full.report, 'acknowledged', { role: 'parish_admin', text: 'Paldies.' });
    paths.push(
      '/',
      '/reports',
      '/reports/new',
      `/reports/${full.report.ref}`,
      `/reports/${full.report.ref}/follow`,
      '/help',
      '/help/offer',
      '/help/request',
      '/statistics',
      '/parishes/kaunatas',
      '/apvienibas/kaunatas',
      '/alerts/new',
    );
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`never scroll sideways in ${language}`, async () => {
      const page = await pages.open();
      const problems: string[] = [];
      try {
        for (const path of paths) {
          const response = await page.goto(pages.at(path, language));
          assert.equal(response?.status(), 200, path);
          await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
          for (const found of await sidewaysScroll(page)) problems.push(`${path}: ${found}`);
        }
      } finally {
        await page.context().close();
      }
      assert.deepEqual(problems, [], `in ${language}:\n${problems.join('\n')}`);
    });
  }
});
