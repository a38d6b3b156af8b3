import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import type { SmtpReceiver } from '../../src/inbound/smtp-receiver.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';
import { startSmtpDoor } from '../support/smtp-door.js';

/*
 * The SMTP door sits behind a mail server (it listens on port 2525, on 127.0.0.1 by default), so
 * the client it sees is that server, never the sender's. When that server is also the one the
 * parish's own mail leaves through (`v=spf1 mx …`, or its address in the SPF record), an SPF
 * check against it passes for any envelope sender at the parish's domain: a stranger's unsigned
 * message with `MAIL FROM:<kaunata@…>` and `From: kaunata@…` would pass DMARC by SPF.
 */
describe('an SPF pass of the mail server in front proves no sender (INBOUND_AUTH=dkim, SMTP door)', function () {
  this.timeout(60_000);
  let context: TestContext;
  let report: Report;
  let receiver: SmtpReceiver;
  let port: number;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
    ({ port, receiver } = await startSmtpDoor(context));
    // The relay in front (here on this machine) is allowed to send the parish's own mail.
    context.dns.publish('example.org', 'TXT', 'v=spf1 ip4:127.0.0.1 -all');
    context.dns.publish('_dmarc.example.org', 'TXT', 'v=DMARC1; p=reject');
  });
  afterEach(() => receiver.stop());

  const send = (raw: Buffer | string, to: string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: CLERK, to: [to] }, raw });

  it('holds an unsigned reply whose envelope sender only the relay’s SPF vouches for', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    await send(clerkReply({ from: CLERK, to, text: '#atrisināts Viss kārtībā.', quote: false }), to);
    const [row] = await context.services.knex('inbound_messages').select('outcome', 'detail');
    assert.equal(row.outcome, 'held');
    assert.match(row.detail, /^not_proven/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });

  it('still applies the same reply signed with DKIM by the clerk’s domain', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    await send(await context.sign(clerkReply({ from: CLERK, to, text: '#atrisināts Viss kārtībā.' })), to);
    const [row] = await context.services.knex('inbound_messages').select('outcome');
    assert.equal(row.outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'resolved');
  });
});
