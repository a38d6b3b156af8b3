import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import type { SmtpReceiver } from '../../src/inbound/smtp-receiver.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';

/*
 * The SMTP envelope (RCPT TO) says what the mail server delivered a message for; To and Cc say
 * what its writer put there, which need not be the same (Bcc, a forward, a header copied from an
 * older message). A reply goes to each report whose reply address the envelope names, each
 * checked on its own (the webhook door, which has no envelope, reads its headers instead:
 * inbound-webhook-fanout.test.ts). A signed reply counts for a report only when its To or Cc names
 * that report's address.
 */
describe('the reports a reply goes to: its envelope’s reply addresses', function () {
  this.timeout(60_000);
  let context: TestContext;
  let first: Report;
  let second: Report;
  let receiver: SmtpReceiver;
  let port: number;

  const send = (raw: Buffer, to: string[]) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: CLERK, to }, raw });
  const status = async (report: Report) => (await context.services.reportRepository.byId(report.id))!.status;
  const address = (report: Report, recipient = CLERK) =>
    context.services.links.replyAddress(report.ref, recipient);
  const updates = async (report: Report) =>
    (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' })).length;
  const residentEmails = async (report: Report) =>
    (await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-update' })).length;
  const signed = (to: string, text = '#atrisināts Bedre aizbērta.') =>
    context.sign(clerkReply({ from: CLERK, to, text }));

  beforeEach(async () => {
    context = await makeApp();
    first = await routedReport(context);
    second = await routedReport(context, { title: 'Nokritis koks' });
    ({ port, receiver } = await startSmtpDoor(context));
  });
  afterEach(() => receiver.stop());

  it('applies one message delivered for two reports’ addresses to both', async () => {
    const to = [address(first), address(second)];
    await send(await signed(to.join(', ')), to);
    assert.equal(await status(first), 'resolved');
    assert.equal(await status(second), 'resolved');
    const rows = await context.services.knex('inbound_messages').orderBy('id').select('outcome', 'report_id');
    assert.deepEqual(rows, [
      { outcome: 'applied', report_id: first.id },
      { outcome: 'applied', report_id: second.id },
    ]);
  });

  it('goes to the report of its envelope, and holds it there when its To and Cc name another', async () => {
    // A clerk's signed reply to one report, sent on by whoever holds it to another report's address
    // of the same clerk: the signature covers a To that names the first, so it proves nothing of
    // the second. Held for the social worker; the first is not touched either.
    await send(await signed(address(first)), [address(second)]);
    assert.equal(await status(first), 'open');
    assert.equal(await status(second), 'open');
    const [row] = await context.services.knex('inbound_messages').select('outcome', 'report_id', 'detail');
    assert.deepEqual([row.outcome, row.report_id], ['held', second.id]);
    assert.equal(row.detail, 'not_proven: to=unaddressed');
    const held = await context.services.knex('outbox').where({ kind: 'held-reply' }).orderBy('id').first();
    assert.ok(held, 'the social worker is told');
  });

  it('checks for each report on its own whether the sender speaks for it', async () => {
    // Another parish's report: its address, made for its own clerk, names no report of ours.
    const elsewhere = await routedReport(context, { parishCode: 'maltas', title: 'Salauzts sols' });
    const [maltas] = await context.services.knex('report_recipients').where({ report_id: elsewhere.id });
    assert.ok(maltas && maltas.email !== CLERK);
    const to = [address(first), address(elsewhere, maltas.email)];
    await send(await signed(to.join(', ')), to);
    assert.equal(await status(first), 'resolved');
    assert.equal(await status(elsewhere), 'open');
    const outcomes = await context.services
      .knex('inbound_messages')
      .orderBy('id')
      .select('outcome', 'report_id', 'detail');
    assert.deepEqual(
      outcomes.map((row) => [row.outcome, row.report_id]),
      [
        ['applied', first.id],
        ['held', elsewhere.id],
      ],
    );
    assert.match(outcomes[1].detail, /^not_staff/);
  });

  it('counts a message once per report however often, and however, the mail server delivers it', async () => {
    const to = [address(first), address(second)];
    const raw = await signed(to.join(', '), 'Darbi sāksies pirmdien.');
    // Once for each recipient (as a mail server fans out), then both again (a lost "250").
    await send(raw, [to[0]!]);
    await send(raw, [to[1]!]);
    await send(raw, to);
    for (const report of [first, second]) {
      assert.equal(await updates(report), 1);
      assert.equal(await residentEmails(report), 1);
    }
    assert.equal((await context.services.knex('inbound_messages')).length, 2);
  });
});
