import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { makeReport } from '../support/reports.js';
import { addStaff, signIn } from '../support/staff.js';

/** Every admin page, with something in each list: a template, a bouncing address, a dead email. */
const PAGES = [
  '/staff/admin',
  '/staff/admin/categories',
  '/staff/admin/categories/new',
  '/staff/admin/categories/elderly-help',
  '/staff/admin/templates',
  '/staff/admin/templates/new',
  '/staff/admin/templates/1',
  '/staff/admin/contacts',
  '/staff/admin/contacts/new',
  '/staff/admin/contacts/addresses',
  '/staff/admin/contacts/2',
  '/staff/admin/routing',
  '/staff/admin/routing/preview',
  '/staff/admin/routing/preview?parish=kaunatas&category=roads',
  '/staff/admin/staff',
  '/staff/admin/staff/new',
  '/staff/admin/staff/1',
  '/staff/admin/dead-letters',
  '/staff/admin/erase-subscriber',
  '/staff/admin/erase-subscriber?follows=1&alerts=1&emails=2',
  '/staff/admin/erase-subscriber?follows=0&alerts=0&emails=0',
  '/staff/audit',
];

/** Forms sent with a mistake, so the error summary and the field errors are checked too. */
const MISTAKES: { path: string; field: string; value: string }[] = [
  { path: '/staff/admin/categories/elderly-help', field: '#field-name_lv', value: '' },
  { path: '/staff/admin/contacts/new', field: '#field-email', value: 'not an address' },
  { path: '/staff/admin/contacts/addresses', field: '#field-email-2', value: 'not an address' },
  { path: '/staff/admin/templates/new', field: '#field-title', value: '' },
  // A template a public answer could not use: its sign-off named, as the answer form does.
  { path: '/staff/admin/templates/1', field: '#field-body', value: 'Paldies.\nAr cieņu,\nAnna Bērziņa' },
  { path: '/staff/admin/staff/new', field: '#field-email', value: 'x' },
  { path: '/staff/admin/erase-subscriber', field: '#field-email', value: 'not an address' },
];

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
];

describe('admin pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let server: Server;
  let url: string;
  let cookie: { name: string; value: string };
  let browser: Browser;
  /** A public report whose reporter may be erased. */
  let reported: string;

  before(async () => {
    context = await makeApp();
    const admin = await signIn(
      context,
      await addStaff(context, { email: 'admin@example.org', role: 'admin' }),
    );
    const [name, value] = admin.cookie.split('=') as [string, string];
    cookie = { name, value };
    const { knex } = context.services;
    await knex('response_templates').insert({ title: 'Paldies', body: 'Paldies par ziņu.', language: 'lv' });
    await knex('contacts').where({ id: 2 }).update({ bouncing_since: new Date() });
    reported = (await makeReport(context.services, { category: 'roads', parish: 'kaunatas' })).report.ref;
    // A published waste report, which making the category private would take from the public.
    await makeReport(context.services, { category: 'waste', parish: 'kaunatas' });
    // An address that follows a report and has an alert, for the page that erases them.
    const followed = (await knex('reports').where({ ref: reported }).first('id')) as { id: number };
    await knex('subscriptions').insert({
      report_id: followed.id,
      email: 'sekotajs@example.org',
      confirmed_at: new Date(),
    });
    await knex('alerts').insert({
      email: 'sekotajs@example.org',
      language: 'lv',
      parish_code: 'kaunatas',
      frequency: 'daily',
      created_at: new Date(),
      confirmed_at: new Date(),
    });
    await knex('outbox').insert({
      message_id: '<dead@tilts.test>',
      kind: 'report-new',
      to_email: 'gone@example.org',
      language: 'lv',
      subject: 'Jauns ziņojums',
      text_body: 'x',
      html_body: 'x',
      status: 'dead',
      attempts: 12,
      last_error: '550 5.1.1 Recipient address rejected',
    });
    server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A signed-in administrator's browser page; bypassCSP lets the test inject axe. */
  async function adminPage(viewport: { width: number; height: number }): Promise<Page> {
    const browserContext = await browser.newContext({ viewport, bypassCSP: true });
    await browserContext.addCookies([{ ...cookie, url }]);
    return browserContext.newPage();
  }

  async function check(page: Page, language: string) {
    assert.equal(await page.getAttribute('html', 'lang'), language);
    assert.ok(await page.$('[data-qa="staff-nav"]'), 'signed in');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  }

  for (const language of ['lv', 'en', 'ru']) {
    it(`every admin page in ${language} has no violations, on a phone and on a desktop`, async () => {
      for (const viewport of VIEWPORTS) {
        const page = await adminPage(viewport);
        for (const path of PAGES) {
          const response = await page.goto(`${url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`);
          assert.equal(response?.status(), 200, path);
          await check(page, language);
        }
        await page.context().close();
      }
    });

    it(`the pages that ask before removing a rule, resetting two-factor sign-in or making a category private, in ${language}`, async () => {
      const page = await adminPage(VIEWPORTS[0]!);
      await page.goto(`${url}/staff/admin/routing?lang=${language}`);
      const [removing] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="remove"] >> nth=0'),
      ]);
      assert.equal(removing?.status(), 200);
      assert.ok(await page.$('[data-qa="confirm-facts"]'));
      await check(page, language);
      // Signed in once, so two-factor sign-in is set up and can be reset.
      const { member } = await signIn(
        context,
        await addStaff(context, { email: `tf-${language}@example.org`, role: 'parish_clerk' }),
      );
      await page.goto(`${url}/staff/admin/staff/${member.id}?lang=${language}`);
      const [reset] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="two-factor-reset"]'),
      ]);
      assert.equal(reset?.status(), 200);
      assert.ok(await page.$('[data-qa="confirm-form"]'));
      await check(page, language);
      // Cancel goes back to the member, with nothing reset.
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="confirm-cancel"]')]);
      assert.ok(page.url().includes(`/staff/admin/staff/${member.id}`));
      // A category made private while the public sees its reports: asked first, then back to the
      // form with the choice kept (nothing is saved: the next language asks again).
      await page.goto(`${url}/staff/admin/categories/waste?lang=${language}`);
      await page.selectOption('#field-visibility', 'private');
      const [asked] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="save"]')]);
      assert.equal(asked?.status(), 200);
      assert.ok(await page.$('[data-qa="confirm-private-form"]'));
      await check(page, language);
      const [back] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="confirm-back"]')]);
      assert.equal(back?.status(), 200);
      assert.equal(await page.inputValue('#field-visibility'), 'private');
      await check(page, language);
      await page.context().close();
    });

    it(`admin forms with mistakes in ${language} have no violations`, async () => {
      const page = await adminPage(VIEWPORTS[1]!);
      for (const mistake of MISTAKES) {
        await page.goto(`${url}${mistake.path}?lang=${language}`);
        await page.fill(mistake.field, mistake.value);
        const [response] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="save"]')]);
        assert.equal(response?.status(), 422, mistake.path);
        assert.ok(await page.$('[data-qa="error-summary"]'), mistake.path);
        await check(page, language);
      }
      // Erasing a reporter on their request: the page that asks, then sent without its box ticked.
      await page.goto(`${url}/staff/admin/reports/${reported}/erase-reporter?lang=${language}`);
      await check(page, language);
      const [unticked] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="erase-reporter-submit"]'),
      ]);
      assert.equal(unticked?.status(), 422);
      assert.ok(await page.$('[data-qa="error-summary"]'));
      await check(page, language);
      // Erasing a follower's and alert subscriber's address on their request: found, then sent
      // without its box ticked; and an address with nothing to erase.
      for (const [email, qa] of [
        ['sekotajs@example.org', 'holds'],
        ['neviens@example.org', 'none-found'],
      ] as const) {
        await page.goto(`${url}/staff/admin/erase-subscriber?lang=${language}`);
        await page.fill('#field-email', email);
        const [found] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="save"]')]);
        assert.equal(found?.status(), 200);
        assert.ok(await page.$(`[data-qa="${qa}"]`), qa);
        await check(page, language);
      }
      await page.goto(`${url}/staff/admin/erase-subscriber?lang=${language}`);
      await page.fill('#field-email', 'sekotajs@example.org');
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="save"]')]);
      const [notTicked] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="erase-subscriber-submit"]'),
      ]);
      assert.equal(notTicked?.status(), 422);
      assert.ok(await page.$('[data-qa="error-summary"]'));
      await check(page, language);
      await page.context().close();
    });
  }
});
