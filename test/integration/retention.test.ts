import assert from 'node:assert/strict';
import request from 'supertest';
import { ERASED_ADDRESS, ERASED_TITLE } from '../../src/mail/erasure.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeOffer } from '../support/help.js';
import { routedReport } from '../support/reports.inbound.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';

const DAY = 86_400_000;
const longAgo = () => new Date(Date.now() - 4 * 365 * DAY);
const lately = () => new Date(Date.now() - 10 * DAY);

/**
 * The privacy notice says personal data goes a set time after a report is resolved or closed: the
 * retention job (`REPORT_RETENTION_DAYS`, 1,095 days unless set) keeps that promise.
 */
describe('retention: personal data of reports closed long ago, and of volunteers gone, is taken out', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  const closeAt = async (id: number, status: 'resolved' | 'closed', at: Date) =>
    context.services.knex('reports').where({ id }).update({ status, updated_at: at });
  const row = async (id: number) => context.services.knex('reports').where({ id }).first();

  it("keeps a public report's words and history, and drops its reporter's name, contacts and followers", async () => {
    const { knex } = context.services;
    const report = await routedReport(context);
    await knex('subscriptions').insert({
      report_id: report.id,
      email: 'Follower@example.org',
      language: 'lv',
    });
    await knex('outbox').where({ report_id: report.id }).update({ status: 'sent', sent_at: new Date() });
    await closeAt(report.id, 'resolved', longAgo());

    assert.deepEqual(await context.services.retention.runDue(), { reports: 1, offers: 0 });

    const after = await row(report.id);
    assert.equal(after.reporter_name, '');
    assert.equal(after.reporter_email, null);
    assert.equal(after.reporter_phone, null);
    assert.equal(after.show_name, false);
    assert.ok(after.anonymised_at);
    assert.equal(after.title, 'Bedre Rēzeknes ielā', 'the public record of the problem stays');
    assert.equal(after.description, 'Dziļa bedre pie pasta.');
    assert.equal(after.erased_at, null);
    assert.equal(
      await knex('subscriptions')
        .where({ report_id: report.id })
        .count('* as n')
        .first()
        .then((r) => Number(r?.n)),
      0,
    );
    const mail = await knex('outbox').where({ report_id: report.id });
    assert.ok(mail.length > 0);
    for (const email of mail) {
      assert.notEqual(String(email.to_email).toLowerCase(), 'janis@example.org');
      assert.equal(email.text_body, '');
      assert.ok(email.bodies_purged_at);
    }
    assert.ok(
      mail.some((email) => email.to_email === ERASED_ADDRESS),
      'the reporter’s confirmation email',
    );
    const reporterUpdates = await knex('report_updates').where({
      report_id: report.id,
      author_kind: 'reporter',
    });
    for (const update of reporterUpdates) assert.equal(update.author_name, null);
    const page = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.ok(page.text.includes('Bedre Rēzeknes ielā'));
    assert.ok(!page.text.includes('Jānis Ozols'));

    assert.deepEqual(await context.services.retention.runDue(), { reports: 0, offers: 0 }, 'done once');
  });

  it('erases the person of a private request closed long ago, as on their request', async () => {
    const { id } = await askForHelp(context, forOtherFields());
    await closeAt(id, 'closed', longAgo());
    assert.deepEqual(await context.services.retention.runDue(), { reports: 1, offers: 0 });
    const after = await row(id);
    assert.equal(after.title, ERASED_TITLE);
    assert.equal(after.description, '');
    assert.equal(after.reporter_email, null);
    assert.ok(after.erased_at && after.anonymised_at);
    const help = await context.services.knex('help_requests').where({ report_id: id }).first();
    assert.equal(help.subject_name, null);
    assert.equal(help.subject_email, null);
    assert.equal(help.kinds, 'transport,shopping', 'the statistics keep their codes');
  });

  it('leaves reports still open, however old, and reports closed lately', async () => {
    const open = await routedReport(context);
    await context.services.knex('reports').where({ id: open.id }).update({ updated_at: longAgo() });
    const recent = await routedReport(context, { title: 'Nesen slēgts' });
    await closeAt(recent.id, 'closed', lately());
    assert.deepEqual(await context.services.retention.runDue(), { reports: 0, offers: 0 });
    for (const id of [open.id, recent.id]) {
      const kept = await row(id);
      assert.equal(kept.reporter_email, 'janis@example.org');
      assert.equal(kept.anonymised_at, null);
    }
  });

  it('counts from REPORT_RETENTION_DAYS', async () => {
    const short = await makeApp({ REPORT_RETENTION_DAYS: '30' });
    const report = await routedReport(short);
    await short.services
      .knex('reports')
      .where({ id: report.id })
      .update({ status: 'closed', updated_at: new Date(Date.now() - 31 * DAY) });
    assert.deepEqual(await short.services.retention.runDue(), { reports: 1, offers: 0 });
  });

  it('erases a volunteer who withdrew long ago, and keeps one who withdrew lately', async () => {
    const { knex } = context.services;
    const gone = await makeOffer(context, { status: 'withdrawn', email: 'gone@example.org' });
    const lateOne = await makeOffer(context, { status: 'withdrawn', email: 'late@example.org' });
    const active = await makeOffer(context, { email: 'active@example.org' });
    await knex('help_offers').where({ id: gone }).update({ withdrawn_at: longAgo() });
    await knex('help_offers').where({ id: lateOne }).update({ withdrawn_at: lately() });
    await knex('help_offers').where({ id: active }).update({ created_at: longAgo() });
    assert.deepEqual(await context.services.retention.runDue(), { reports: 0, offers: 1 });
    const rows = await knex('help_offers').whereIn('id', [gone, lateOne, active]).orderBy('id');
    assert.ok(rows[0].erased_at);
    assert.notEqual(rows[0].email, 'gone@example.org');
    assert.equal(rows[1].erased_at, null);
    assert.equal(rows[2].erased_at, null);
  });
});
