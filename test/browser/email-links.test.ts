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

/** A routed report with the links its emails carry, written before the server opens the database. */
async function seed(dataDir: string) {
  return seedBeforeStart(dataDir, SECRET, async (services, knex) => {
    const report = await services.reports.create(
      {
        categoryCode: 'street-lighting',
        parishCode: 'maltas',
        title: 'Nedeg laterna pie pasta',
        description: 'Jau nedēļu tumšs.',
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
    const [recipient] = await services.reportRepository.recipients(report.id);
    const now = new Date();
    const [question] = (await knex('fixed_questions')
      .insert({ report_id: report.id, asked_at: now })
      .returning('id')) as {
      id: number;
    }[];
    const staffMail = (await knex('outbox').where({ kind: 'report-new' }).first('id')) as { id: number };
    // The reporter withdrew this one after being asked "is it fixed?".
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'comment',
      text: 'Запрос всё ещё актуален.',
      photos: [],
    });
    const withdrawn = await services.reports.create(
      {
        categoryCode: 'roads',
        parishCode: 'maltas',
        title: 'Bedre pie skolas',
        description: 'Dziļa.',
        location: 'Malta',
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
    await services.reports.confirm(
      new Signer(SECRET).expiring('confirm-report', String(withdrawn.id), new Date(Date.now() + 86_400_000)),
    );
    const [late] = (await knex('fixed_questions')
      .insert({ report_id: withdrawn.id, asked_at: now })
      .returning('id')) as { id: number }[];
    await services.reportUpdates.reporterAction(withdrawn.ref, services.links.reporterToken(withdrawn.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const path = (url: string) => new URL(url).pathname;
    return {
      action: path(services.links.action(report.ref, recipient!.id, 'in_progress', now)),
      notOurs: path(services.links.action(report.ref, recipient!.id, 'not_ours', now)),
      fixed: path(services.links.fixedQuestion(report.ref, question!.id, 'no', now)),
      fixedWithdrawn: path(services.links.fixedQuestion(withdrawn.ref, late!.id, 'yes', now)),
      reporterPage:
        path(services.links.reporterPage(report.ref)) + `?token=${services.links.reporterToken(report.ref)}`,
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
