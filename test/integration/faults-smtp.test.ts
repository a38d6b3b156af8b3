import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createDatabase } from '../../src/db/knex.js';
import type { OutboxMessage } from '../../src/mail/outbox-repository.js';
import { SmtpTransport, type MailTransport } from '../../src/mail/transport.js';
import { OutboxWorker } from '../../src/mail/worker.js';
import { makeApp, type TestContext } from '../support/app.js';
import { postgresUrl } from '../support/faults.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { makeReport } from '../support/reports.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../support/smtp.js';
import { messageIdOf, startLostReplySmtp, type LostReplySmtp } from '../support/smtp-lost-reply.js';

/*
 * The mail server away for ten minutes of simulated time while residents confirm reports, then
 * back. The clock is the test's: the worker is turned by hand, every 20 simulated seconds, so the
 * backoff (1 minute doubling) is what decides when each email is tried, not the machine's speed.
 */

const MINUTE = 60_000;
const STEP_MS = 20_000;
const silent = pino({ level: 'silent' });

interface OutboxRow {
  id: number;
  message_id: string;
  to_email: string;
  status: string;
  attempts: number;
}

const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');

/** Claims and sends until nothing is due any more at the current simulated time. */
async function drain(worker: OutboxWorker): Promise<void> {
  for (let turn = 0; turn < 100; turn += 1) if ((await worker.runOnce()) === 0) return;
  throw new Error('the worker kept finding due rows');
}

describe('faults: the SMTP server away for 10 minutes', function () {
  this.timeout(90_000);

  let now: Date;
  const clock = () => now;
  let context: TestContext;
  let smtp: SmtpCapture | undefined;
  let lost: LostReplySmtp | undefined;

  beforeEach(async () => {
    now = new Date('2026-03-02T08:00:00Z');
    context = await makeApp({}, { clock });
  });

  afterEach(async () => {
    await smtp?.close();
    await lost?.close();
    smtp = undefined;
    lost = undefined;
  });

  it('delivers every email once when it comes back, none twice, none dead', async () => {
    smtp = await startSmtpCapture();
    const { services } = context;
    const worker = new OutboxWorker({
      knex: services.knex,
      transport: new SmtpTransport({ smtpUrl: smtp.url, mailFrom: context.config.mailFrom }),
      logger: silent,
      clock,
      // No jitter: the full delay every time, so the test knows the schedule (1, 2, 4, 8 … minutes).
      random: () => 1,
    });
    const start = now.getTime();

    // First five minutes: nothing listens (connections refused). Next five: the server is there
    // but answers every message "451 try again later". Reports are confirmed all along.
    await smtp.goDown();
    const reports: number[] = [];
    for (let step = 0; step * STEP_MS < 10 * MINUTE; step += 1) {
      now = new Date(start + step * STEP_MS);
      if (step === 15) {
        await smtp.comeBack();
        smtp.answerWith('temporary');
      }
      if (step % 5 === 0) reports.push((await makeReport(services, { title: `Bedre ${step}` })).report.id);
      await drain(worker);
    }
    assert.equal(smtp.messages.length, 0, 'nothing was accepted while the server was away');
    assert.ok(smtp.refused > 0, 'the worker tried again while the server answered 451');
    const queued = (await services.knex('outbox').orderBy('id')) as OutboxRow[];
    assert.ok(queued.length >= reports.length * 2, `emails waiting: ${queued.length}`);
    assert.ok(
      queued.every((row) => row.status === 'pending'),
      'every email still waits; none dead',
    );
    // Backoff, not a retry every turn: 30 turns of the worker, at most 5 attempts for any email.
    assert.ok(Math.max(...queued.map((row) => row.attempts)) <= 5);

    // Back at minute 10; time goes on until the longest backoff has passed.
    smtp.answerWith('accept');
    for (let step = 30; step * STEP_MS <= 40 * MINUTE; step += 1) {
      now = new Date(start + step * STEP_MS);
      await drain(worker);
    }

    const rows = (await services.knex('outbox').orderBy('id')) as OutboxRow[];
    assert.equal(rows.length, queued.length, 'no email was added or lost');
    assert.deepEqual(
      rows.filter((row) => row.status !== 'sent').map((row) => `${row.id} ${row.status}`),
      [],
    );
    // Exactly once each, by Message-ID and recipient; nothing on the wire that is not a row.
    for (const row of rows) {
      const copies: CapturedMessage[] = smtp.messages.filter(
        (message) =>
          bare(message.parsed.messageId ?? '') === bare(row.message_id) &&
          message.envelope.rcptTo.includes(row.to_email),
      );
      assert.equal(copies.length, 1, `outbox ${row.id} to ${row.to_email}: ${copies.length} copies`);
    }
    assert.equal(smtp.messages.length, rows.length);
    // Every report was routed while SMTP was away, and its staff emails went out.
    for (const id of reports) {
      const kinds = (await services.knex('outbox').where({ report_id: id }).pluck('kind')) as string[];
      assert.ok(kinds.includes('report-new'), `report ${id} has its routing emails: ${kinds.join(', ')}`);
    }
  });

  it('sends again, with the same Message-ID, only an email whose "250" was lost after the whole DATA', async () => {
    // The rule (RFC 5321 §4.1.1.4, "the duplicate messages problem"): once the final "." is sent,
    // the receiver may have the email even if its answer never arrives. The worker cannot know,
    // so it sends again after the backoff: at least once, never lost. The copy has the same
    // Message-ID (chosen when the email was queued), so the receiving server or mail client can
    // drop it. Every other email of the batch is sent exactly once.
    lost = await startLostReplySmtp(1);
    const { services } = context;
    await makeReport(services, { title: 'Bedre ar pazudušu atbildi' });
    const worker = new OutboxWorker({
      knex: services.knex,
      transport: new SmtpTransport({
        smtpUrl: lost.url,
        mailFrom: context.config.mailFrom,
        timeouts: { connectionMs: 5000, greetingMs: 5000, socketMs: 5000 },
      }),
      logger: silent,
      clock,
      random: () => 1,
    });
    await drain(worker);
    assert.equal(lost.received.length, 1, 'the first email reached the server; its answer was lost');
    const [first] = (await services.knex('outbox').orderBy('id')) as OutboxRow[];
    assert.equal(first!.status, 'pending', 'the worker does not know it arrived, so it keeps it');

    now = new Date(now.getTime() + 2 * MINUTE);
    await drain(worker);

    const rows = (await services.knex('outbox').orderBy('id')) as OutboxRow[];
    assert.ok(rows.length >= 2);
    assert.ok(rows.every((row) => row.status === 'sent'));
    const ids = lost.received.map(messageIdOf);
    for (const row of rows) {
      const copies = ids.filter((id) => id !== undefined && bare(id) === bare(row.message_id)).length;
      assert.equal(copies, row.id === first!.id ? 2 : 1, `outbox ${row.id}`);
    }
  });

  it('records an email the server accepted while the database was away once it is back, and does not send it again', async function () {
    // PostgreSQL "restarts" (a proxy in front of it refuses and resets) between the server's
    // "250" and the row's update: the worker keeps the outcome and writes it when it can, rather
    // than leaving the row to be sent a second time when its lease runs out.
    const target = postgresUrl();
    if (!target) return this.skip();
    smtp = await startSmtpCapture();
    await makeReport(context.services, { title: 'Bedre restarta brīdī' });
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target.href);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const quiet = () => undefined;
    const database = createDatabase({
      databaseUrl: viaProxy.href,
      poolMax: 2,
      log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
    });
    const smtpTransport = new SmtpTransport({ smtpUrl: smtp.url, mailFrom: context.config.mailFrom });
    let restarts = 0;
    const transport: MailTransport = {
      name: 'smtp',
      async send(message: OutboxMessage) {
        await smtpTransport.send(message);
        if (restarts > 0) return;
        restarts += 1;
        await proxy.cut();
        setTimeout(() => void proxy.restore(), 1500);
      },
      close: () => smtpTransport.close(),
    };
    try {
      const worker = new OutboxWorker({
        knex: database.knex,
        transport,
        logger: silent,
        clock,
        random: () => 1,
      });
      await drain(worker);
      const rows = (await context.services.knex('outbox').orderBy('id')) as OutboxRow[];
      assert.equal(restarts, 1);
      assert.ok(
        rows.every((row) => row.status === 'sent'),
        'every outcome recorded',
      );
      // Long after any lease: nothing is due, nothing goes twice.
      now = new Date(now.getTime() + 60 * MINUTE);
      await drain(worker);
      for (const row of rows) {
        const copies: CapturedMessage[] = smtp.messages.filter(
          (m) => bare(m.parsed.messageId ?? '') === bare(row.message_id),
        );
        assert.equal(copies.length, 1, `outbox ${row.id}`);
      }
    } finally {
      await database.close();
      await proxy.close();
      smtpTransport.close();
    }
  });
});
