import assert from 'node:assert/strict';
import { Signer } from '../../src/security/signing.js';
import type { NewReportInput } from '../../src/reports/service.js';
import { makeApp, type TestContext } from '../support/app.js';

const input = (overrides: Partial<NewReportInput> = {}): NewReportInput => ({
  categoryCode: 'roads',
  parishCode: 'kaunatas',
  title: 'Bedre uz Kaunatas ielas',
  description: 'Liela bedre pie veikala, auto var sabojāt riteni.',
  location: 'Kaunata, pie veikala',
  lat: null,
  lon: null,
  name: 'Anna Bērziņa',
  email: 'anna@example.org',
  phone: null,
  showName: false,
  language: 'lv',
  ...overrides,
});

describe('the report service', () => {
  let now: Date;
  let context: TestContext;
  const clock = () => now;
  const confirmToken = (id: number, days = 7) =>
    new Signer(context.config.secret).expiring(
      'confirm-report',
      String(id),
      new Date(now.getTime() + days * 86_400_000),
    );

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    context = await makeApp({}, { clock });
  });

  it('saves a new report as unconfirmed, unrouted, with one confirmation email to the reporter', async () => {
    const report = await context.services.reports.create(input(), []);
    assert.equal(report.status, 'unconfirmed');
    assert.match(report.ref, /^RZN-2026-\d{5}$/);
    const mails = await context.services.knex('outbox').where({ report_id: report.id });
    assert.deepEqual(
      mails.map((mail) => [mail.kind, mail.to_email]),
      [['report-confirm', 'anna@example.org']],
    );
    assert.deepEqual(await context.services.knex('report_recipients').where({ report_id: report.id }), []);
  });

  it('routes a confirmed public report to exactly the parish administration and the social worker', async () => {
    const report = await context.services.reports.create(input(), []);
    const result = await context.services.reports.confirm(confirmToken(report.id));
    assert.equal(result.outcome, 'confirmed');
    const stored = await context.services.reportRepository.byId(report.id);
    assert.equal(stored!.status, 'open');
    const recipients = await context.services
      .knex('report_recipients')
      .where({ report_id: report.id })
      .orderBy('email');
    assert.deepEqual(
      recipients.map((recipient) => recipient.email),
      ['kaunatas.parvalde@example.org', 'kaunatas.socialais@example.org'],
    );
    const staffMails = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-new' })
      .orderBy('to_email');
    assert.deepEqual(
      staffMails.map((mail) => [mail.to_email, mail.language]),
      [
        ['kaunatas.parvalde@example.org', 'lv'],
        ['kaunatas.socialais@example.org', 'lv'],
      ],
    );
    const published = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-published' });
    assert.deepEqual(
      published.map((mail) => mail.to_email),
      ['anna@example.org'],
    );
  });

  it('gives every email to the resident a one-click unsubscribe, and none to the parish', async () => {
    const report = await context.services.reports.create(input(), []);
    await context.services.reports.confirm(confirmToken(report.id));
    const mails = await context.services.knex('outbox').where({ report_id: report.id });
    for (const mail of mails) {
      const headers = typeof mail.headers === 'string' ? JSON.parse(mail.headers) : mail.headers;
      const toResident = mail.to_email === 'anna@example.org';
      assert.equal(Boolean(headers['List-Unsubscribe']), toResident, `${mail.kind} to ${mail.to_email}`);
      if (toResident) assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    }
  });

  it('routes a private help request to the social worker only', async () => {
    const report = await context.services.reports.create(
      input({ categoryCode: 'elderly-help', parishCode: 'maltas' }),
      [],
    );
    assert.equal(report.isPrivate, true);
    await context.services.reports.confirm(confirmToken(report.id));
    const recipients = await context.services.knex('report_recipients').where({ report_id: report.id });
    assert.deepEqual(
      recipients.map((recipient) => recipient.email),
      ['maltas.socialais@example.org'],
    );
  });

  it('confirms when the reference cache has gone stale, without waiting on the one embedded connection', async () => {
    const report = await context.services.reports.create(input(), []);
    now = new Date(now.getTime() + 10 * 60_000);
    const result = await context.services.reports.confirm(confirmToken(report.id));
    assert.equal(result.outcome, 'confirmed');
  });

  it('confirms once: a second confirmation changes nothing and sends nothing', async () => {
    const report = await context.services.reports.create(input(), []);
    const token = confirmToken(report.id);
    await context.services.reports.confirm(token);
    const before = await context.services.knex('outbox').count({ count: '*' });
    const again = await context.services.reports.confirm(token);
    assert.equal(again.outcome, 'already');
    assert.deepEqual(await context.services.knex('outbox').count({ count: '*' }), before);
    const updates = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, to_status: 'open' });
    assert.equal(updates.length, 1);
  });

  it('refuses an expired or forged confirmation and keeps the report unconfirmed', async () => {
    const report = await context.services.reports.create(input(), []);
    const token = confirmToken(report.id);
    now = new Date(now.getTime() + 8 * 86_400_000);
    assert.equal((await context.services.reports.confirm(token)).outcome, 'expired');
    assert.equal((await context.services.reports.confirm(`${report.id}.zzz.forged`)).outcome, 'invalid');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'unconfirmed');
  });

  it('purges reports nobody confirmed within 14 days, and keeps younger or confirmed ones', async () => {
    const old = await context.services.reports.create(input({ title: 'old' }), []);
    const confirmed = await context.services.reports.create(
      input({ title: 'confirmed', email: 'b@example.org' }),
      [],
    );
    await context.services.reports.confirm(confirmToken(confirmed.id));
    now = new Date(now.getTime() + 13 * 86_400_000);
    const young = await context.services.reports.create(
      input({ title: 'young', email: 'c@example.org' }),
      [],
    );
    now = new Date(now.getTime() + 2 * 86_400_000);
    assert.equal(await context.services.reports.purgeUnconfirmed(), 1);
    assert.equal(await context.services.reportRepository.byId(old.id), undefined);
    assert.ok(await context.services.reportRepository.byId(young.id));
    assert.ok(await context.services.reportRepository.byId(confirmed.id));
  });

  it('never gives two reports the same number, even when they arrive at once', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const refs = await Promise.all(
      [1, 2, 3, 4, 5].map(
        async (n) => (await context.services.reports.create(input({ email: `p${n}@example.org` }), [])).ref,
      ),
    );
    assert.equal(new Set(refs).size, 5);
  });
});
