import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { addStaff, signIn } from '../support/staff.js';

const LIST = '/staff/admin/api-keys';
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
];

describe('the API keys page: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let server: Server;
  let url: string;
  let cookie: { name: string; value: string };
  let browser: Browser;

  before(async () => {
    context = await makeApp();
    const member = await addStaff(context, { email: 'admin@example.org', role: 'admin' });
    const admin = await signIn(context, member);
    const [name, value] = admin.cookie.split('=') as [string, string];
    cookie = { name, value };
    // One key in use and one revoked, so the list shows both states and a revoke button.
    const actor = { staffId: member.id, ip: null };
    await context.services.apiKeys.create({ label: 'Pilsētas lietotne', trusted: true }, actor);
    const { key } = await context.services.apiKeys.create({ label: 'Veca lietotne', trusted: false }, actor);
    await context.services.apiKeys.revoke(key.id, actor);
    server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function adminPage(viewport: { width: number; height: number }): Promise<Page> {
    const browserContext = await browser.newContext({ viewport, bypassCSP: true });
    await browserContext.addCookies([{ ...cookie, url }]);
    return browserContext.newPage();
  }

  async function check(page: Page, language: string) {
    assert.equal(await page.getAttribute('html', 'lang'), language);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  }

  for (const language of ['lv', 'en', 'ru']) {
    it(`lists keys, refuses a key without a label and shows a new key in ${language}, with no violations`, async () => {
      for (const viewport of VIEWPORTS) {
        const page = await adminPage(viewport);
        const listed = await page.goto(`${url}${LIST}?lang=${language}`);
        assert.equal(listed?.status(), 200);
        await check(page, language);
        const [refused] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="create"]')]);
        assert.equal(refused?.status(), 422);
        assert.ok(await page.$('[data-qa="error-summary"]'));
        await check(page, language);
        await page.fill('#field-label', `Jauna lietotne ${language} ${viewport.width}`);
        const [made] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="create"]')]);
        assert.equal(made?.status(), 200);
        assert.match((await page.textContent('[data-qa="api-key-secret"]')) ?? '', /^tilts_/);
        await check(page, language);
        await page.context().close();
      }
    });
  }
});
