import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Signer } from '../../src/security/signing.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { seedBeforeStart, serverDatabaseEnv } from '../support/seeded-server.js';
import { startServer, type RunningServer } from '../support/server.js';

const SECRET = 'browser-test-secret-email-links';

type SeedServices = Parameters<Parameters<typeof seedBeforeStart>[2]>[0];

/** A report in Malta, confirmed by its emailed token, so it is routed. */
async function routed(services: SeedServices, fields: { categoryCode: string; title: string }) {
  const report = await services.reports.create(
    {
      ...fields,
      parishCode: 'maltas',
      description: 'Jau nedēļu tā.',
      location: 'Malta, Pasta iela',
      lat: null,
      lon: null,
      name: 'Ilze',
      email: 'ilze@example.org',
      phone: null,
      showName: false,
      language: 'lv',
    },
    [],
  );
  const token = new Signer(SECRET).expiring(
    'confirm-report',
    String(report.id),
    new Date(Date.now() + 86_400_000),
  );
  await services.reports.confirm(token);
  return report;
}

/** Reports with the links their emails carry, written before the server opens the database. */
async function seed(dataDir: string) {
  return seedBeforeStart(dataDir, SECRET, async (services, knex) => {
    const now = new Date();
    const ask = async (reportId: number) =>
      (
        (await knex('fixed_questions').insert({ report_id: reportId, asked_at: now }).returning('id')) as {
          id: number;
        }[]
      )[0]!;
    const asReporter = (ref: string, kind: 'comment' | 'withdraw', text: string) =>
      services.reportUpdates.reporterAction(ref, services.links.reporterToken(ref), {
        kind,
        text,
        photos: [],
      });

    const report = await routed(services, {
      categoryCode: 'street-lighting',
      title: 'Nedeg laterna pie pasta',
    });
    const [recipient] = await services.routing.recipients(report.id);
    const question = await ask(report.id);
    const staffMail = (await knex('outbox').where({ kind: 'report-new' }).first('id')) as { id: number };
    // A comment in another language than the page's, which the timeline marks.
    await asReporter(report.ref, 'comment', 'Запрос всё ещё актуален.');
    // A report withdrawn after its reporter was asked "is it fixed?".
    const withdrawn = await routed(services, { categoryCode: 'roads', title: 'Bedre pie skolas' });
    const late = await ask(withdrawn.id);
    await asReporter(withdrawn.ref, 'withdraw', '');

    const path = (url: string) => new URL(url).pathname;
    return {
      action: path(services.links.action(report.ref, recipient!.id, 'in_progress', now)),
      notOurs: path(services.links.action(report.ref, recipient!.id, 'not_ours', now)),
      fixed: path(services.links.fixedQuestion(report.ref, question.id, 'no', now)),
      fixedWithdrawn: path(services.links.fixedQuestion(withdrawn.ref, late.id, 'yes', now)),
      reporterPage: `${path(services.links.reporterPage(report.ref))}?token=${services.links.reporterToken(report.ref)}`,
      unsubscribe: path(services.links.unsubscribe('r', report.id)),
      mailbox: `/dev/mailbox/${staffMail.id}`,
    };
  });
}

describe('pages behind the links in emails (axe-core, WCAG 2.1 AA)', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let links: Awaited<ReturnType<typeof seed>>;

  before(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-links-'));
    links = await seed(dataDir);
    server = await startServer({
      DATA_DIR: dataDir,
      SECRET,
      INBOUND_SMTP_PORT: '25259',
      ...serverDatabaseEnv(),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const language of ['lv', 'en', 'ru']) {
    it(`the action, is-it-fixed, unsubscribe and mailbox pages in ${language} have no violations`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      const page = await context.newPage();
      for (const target of [
        links.action,
        links.notOurs,
        links.fixed,
        links.fixedWithdrawn,
        links.unsubscribe,
        links.mailbox,
        links.reporterPage,
      ]) {
        const response = await page.goto(
          `${server.url}${target}${target.includes('?') ? '&' : '?'}lang=${language}`,
        );
        assert.equal(response?.status(), 200, target);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${target}: ${JSON.stringify(violations, null, 2)}`);
      }
      await context.close();
    });
  }

  it('a clerk marks the report in progress with a comment, in a real browser, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${links.action}`);
    await page.fill('#comment', 'Elektriķis būs rīt.');
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST'),
      page.click('[data-qa=action-submit]'),
    ]);
    assert.equal(response.status(), 200, await response.text());
    await page.waitForLoadState();
    assert.match(await page.locator('[data-qa=action-done]').innerText(), /RZN-/);
    const violations = await axeViolations(page).catch(() => []);
    assert.deepEqual(violations, []);
    await context.close();
  });
});
