import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import type { SmtpReceiver } from '../../src/inbound/smtp-receiver.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { rawFixture } from '../unit/mail/load-fixture.js';

describe('replies by the SMTP door', function () {
  this.timeout(60_000);
  let context: TestContext;
  let report: Report;
  let receiver: SmtpReceiver;
  let port: number;

  const transport = () =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      tls: { rejectUnauthorized: false },
    });
  const sendRaw = (raw: Buffer, to: string, from = CLERK) =>
    transport().sendMail({ envelope: { from, to: [to] }, raw });

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
    ({ port, receiver } = await startSmtpDoor(context));
  });
  afterEach(() => receiver.stop());

  it('applies a reply that arrives by SMTP, like the webhook does', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    await sendRaw(await context.sign(rawFixture('outlook-lv-reply.eml', { to })), to);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
    const [stored] = await context.services.knex('inbound_messages').select('source', 'outcome');
    assert.deepEqual(stored, { source: 'smtp', outcome: 'applied' });
  });

  it('refuses mail for another domain at RCPT TO', async () => {
    await assert.rejects(
      sendRaw(rawFixture('outlook-lv-reply.eml'), 'someone@elsewhere.example.org'),
      (error: Error & { responseCode?: number }) => {
        assert.equal(error.responseCode, 550);
        return true;
      },
    );
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
  });

  it('refuses a 30 MB message with 552 and stores nothing', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const big = Buffer.concat([
      Buffer.from(`From: ${CLERK}\r\nTo: ${to}\r\nSubject: big\r\nMessage-ID: <big@example.org>\r\n\r\n`),
      Buffer.alloc(30 * 1024 * 1024, 'a'),
    ]);
    await assert.rejects(sendRaw(big, to), (error: Error & { responseCode?: number }) => {
      assert.equal(error.responseCode, 552);
      return true;
    });
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
  });

  it('records an empty envelope sender as an empty Return-Path, which marks an automatic message', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = await context.sign(rawFixture('outlook-lv-reply.eml', { to }));
    await transport().sendMail({ envelope: { from: '', to: [to] }, raw });
    const [stored] = await context.services.knex('inbound_messages').select('outcome');
    assert.equal(stored.outcome, 'auto_reply');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });
});
