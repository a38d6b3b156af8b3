import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeReport, moveReport } from '../support/reports.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';
import { reflowAndSpacing, tabWalk } from '../support/wcag-checks.js';

// One grey tile for every tile: the maps load nothing from outside the test.
const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';

/**
 * What axe-core cannot see, on every public and staff page in lv, en and ru: no sideways scroll at
 * 320 CSS px nor at 640 px with 200 % text, nothing cut under WCAG's text-spacing override, and
 * unique titles (one visit per page and language); visible focus on every tab stop and a tab order
 * that reaches every control (the whole walk on the main pages, the first 30 stops elsewhere).
 */
describe('WCAG 2.1 AA beyond axe-core: reflow, text spacing, focus, titles', () => {
  let context: TestContext;
  let pages: PageChecker;
  let admin: StaffBrowser;
  const publicPages: string[] = [];
  const staffPages: string[] = [];
  /** Pages whose whole tab order is walked; the others get their first 30 stops. */
  const mainPages = new Set<string>();
  const statuses = new Map<string, number>();

  before(async () => {
    context = await makeApp({ MAP_TILE_URL: TILE });
    const { services } = context;
    // More than a page of reports, so the list has a page 2.
    for (let i = 0; i < 21; i += 1) await makeReport(services, { parish: i % 2 ? 'kaunatas' : 'dricanu' });
    const full = await makeReport(services, {
      title: 'Bedre pie skolas ļoti dziļa',
      location: 'Skolas iela 1, Kaunata',
      lat: 56.3391,
      lon: 27.5467,
      photos: 1,
    });
    await moveReport(services, full.report, 'acknowledged', {
      role: 'parish_admin',
      text: 'Paldies, apskatīsim.',
    });
    const help = await makeReport(services, { category: 'elderly-help', title: 'Kaimiņienei vajag malku' });
    const apvieniba = ((await services.knex('apvienibas').first('code')) as { code: string }).code;
    admin = await signIn(context, await addStaff(context, { email: 'admin@example.org', role: 'admin' }));
    const main = [
      '/',
      '/reports',
      '/reports/new',
      `/reports/${full.report.ref}`,
      `/reports/${help.report.ref}?token=${help.token}`,
    ];
    publicPages.push(
      ...main,
      '/reports?page=2',
      '/reports?parish=kaunatas&status=open',
      '/reports?category=roads&apvieniba=' + apvieniba,
      '/map',
      '/accessibility',
      '/privacy',
      '/open-data',
      '/help',
      '/help/offer',
      '/help/request',
      '/statistics',
      '/statistics/about',
      '/parishes/kaunatas',
      `/apvienibas/${apvieniba}`,
      '/alerts/new',
      '/staff/sign-in',
      '/no-such-page',
    );
    statuses.set('/no-such-page', 404);
    staffPages.push(
      '/staff',
      `/staff/reports/${full.report.ref}`,
      '/staff/reports/new',
      '/staff/inbound',
      '/staff/help',
      '/staff/help/offers',
      '/staff/moderation',
      '/staff/moderation/hidden',
      '/staff/moderation/bans',
      '/staff/admin',
      '/staff/admin/categories',
      '/staff/admin/categories/roads',
      '/staff/admin/templates',
      '/staff/admin/contacts',
      '/staff/admin/routing',
      '/staff/admin/staff',
      '/staff/admin/dead-letters',
      '/staff/admin/api-keys',
      '/staff/audit',
    );
    for (const path of [...main, '/staff', `/staff/reports/${full.report.ref}`]) mainPages.add(path);
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  /** Visits each page once: reflow and spacing at phone size, then the tab walk on a desktop. */
  async function checkAll(page: Page, paths: string[], language: string): Promise<void> {
    const problems: string[] = [];
    const titles = new Map<string, string>();
    for (const path of paths) {
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(pages.at(path, language));
      assert.equal(response?.status(), statuses.get(path) ?? 200, `${path}: the status`);
      assert.equal(await page.getAttribute('html', 'lang'), language, `${path}: the language`);
      const title = await page.title();
      const twin = titles.get(title);
      if (twin) problems.push(`${path}: the same title as ${twin}: "${title}"`);
      titles.set(title, path);
      for (const found of await tabWalk(page, mainPages.has(path) ? {} : { limit: 30 }))
        problems.push(`${path}: ${found}`);
      for (const found of await reflowAndSpacing(page)) problems.push(`${path}: ${found}`);
    }
    assert.deepEqual(problems, [], `in ${language}:\n${problems.join('\n')}`);
  }

  for (const language of LANGUAGES) {
    it(`every public page in ${language} reflows, keeps its text under spacing, shows focus, has its own title`, async () => {
      const page = await pages.open();
      await checkAll(page, publicPages, language);
      await page.context().close();
    });

    it(`every staff page in ${language} reflows, keeps its text under spacing, shows focus, has its own title`, async () => {
      const page = await pages.open(admin);
      await checkAll(page, staffPages, language);
      await page.context().close();
    });
  }
});
