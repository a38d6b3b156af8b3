import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { riga, seedReport } from '../support/statistics.js';

const NOW = riga('2026-06-15T12:00');

/**
 * The statistics, their explanation and the pages of a parish and an apvienība, with figures,
 * hidden numbers, a chart with bars and lists of reports, in each language on a phone and a desktop.
 */
describe('statistics and place pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let pages: PageChecker;

  before(async () => {
    context = await makeApp({}, { clock: () => NOW });
    const { services } = context;
    for (let i = 0; i < 6; i += 1)
      await seedReport(services, {
        parish: 'kaunatas',
        routed: `2026-0${3 + (i % 3)}-0${2 + i}T09:00`,
        response: `2026-0${3 + (i % 3)}-0${3 + i}T09:00`,
        ...(i % 2 === 0 ? { finished: { status: 'resolved', at: `2026-0${3 + (i % 3)}-1${i}T09:00` } } : {}),
        ...(i === 0 ? { fixed: 'yes' as const } : {}),
      });
    for (let i = 0; i < 2; i += 1)
      await seedReport(services, { parish: 'makonkalna', routed: '2026-04-20T09:00' });
    await seedReport(services, { parish: 'kaunatas', private: true, routed: '2026-04-01T09:00' });
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`/statistics, its explanation, a parish and an apvienība, in ${language}`, async () => {
      const page = await pages.open();
      for (const path of [
        '/statistics',
        '/statistics?from=2026-03&to=2026-05',
        '/statistics?from=2030-01&to=2030-02',
        '/statistics?from=2025-01&to=2025-02',
        '/statistics/about',
        '/parishes/kaunatas',
        '/parishes/stolerovas',
        '/apvienibas/kaunatas',
      ])
        await pages.visit(page, path, language);
      await pages.visit(page, '/parishes/nowhere', language, 404);
      await page.context().close();
    });
  }
});
