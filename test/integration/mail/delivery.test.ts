import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { listUnsubscribeHeaders, type Outbox } from '../../../src/mail/outbox.js';
import { OutboxRepository } from '../../../src/mail/outbox-repository.js';
import { MailboxTransport, SmtpTransport, createMailTransport } from '../../../src/mail/transport.js';
import { OutboxWorker, type OutboxWorkerOptions } from '../../../src/mail/worker.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp.js';
import { confirmationEmail, makeOutbox, outboxRows, silentLogger } from './support.js';

const HOUR = 60 * 60_000;

describe('sending the outbox', () => {
  let knex: Knex;
  let outbox: Outbox;
  let mailFrom: string;
  let smtp: SmtpCapture;
  let now: Date;
  const transports: { close(): void }[] = [];

  const worker = (options: Partial<OutboxWorkerOptions> = {}) => {
    const transport = new SmtpTransport({ smtpUrl: smtp.url, mailFrom });
    transports.push(transport);
    return new OutboxWorker({ knex, transport, logger: silentLogger, clock: () => now, ...options });
  };
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeEach(async () => {
    now = new Date();
    ({ knex, outbox, mailFrom } = await makeOutbox(() => now));
    smtp = await startSmtpCapture();
  });
  afterEach(async () => {
    for (const transport of transports.splice(0)) transport.close();
    await smtp.close();
  });

  it('delivers a multipart email over real SMTP with its Message-ID, Reply-To and List-Unsubscribe', async () => {
    const { messageId } = await outbox.enqueue(
      knex,
      confirmationEmail('anna@example.lv', {
        to: { email: 'anna@example.lv', name: 'Bērziņa, Anna' },
        replyTo: 'r-rzn-2026-00042-abcdefghijklmnop@tilts.test',
        headers: listUnsubscribeHeaders('http://tilts.test/unsubscribe/tok'),
      }),
    );
    assert.equal(await worker().runOnce(), 1);

    assert.equal(smtp.messages.length, 1);
    const { envelope, parsed, raw } = smtp.messages[0]!;
    assert.deepEqual(envelope, { mailFrom, rcptTo: ['anna@example.lv'] });
    assert.equal(parsed.messageId, messageId);
    assert.equal(parsed.subject, 'Apstipriniet savu ziņojumu „Bedre ceļā pie skolas”');
    assert.deepEqual(parsed.from?.value, [{ address: mailFrom, name: 'Tilts' }]);
    assert.deepEqual((Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value, [
      { address: 'anna@example.lv', name: 'Bērziņa, Anna' },
    ]);
    assert.equal(parsed.replyTo?.value[0]?.address, 'r-rzn-2026-00042-abcdefghijklmnop@tilts.test');
    assert.match(String(parsed.text), /Labdien!/);
    assert.match(String(parsed.text), /http:\/\/tilts\.test\/reports\/confirm\/token123/);
    assert.match(String(parsed.html), /<html lang="lv"/);
    assert.match(raw, /^Content-Type: multipart\/alternative;/im);
    // The link opens in the reader's language, like every link in the email.
    assert.match(raw, /^List-Unsubscribe: <http:\/\/tilts\.test\/unsubscribe\/tok\?lang=lv>\r$/m);
    assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    assert.match(raw, /^Auto-Submitted: auto-generated\r$/m);

    const [row] = await outboxRows(knex);
    assert.equal(row!.status, 'sent');
    assert.equal(row!.delivered_via, 'smtp');
    assert.equal(row!.attempts, 1);
    assert.equal((row!.sent_at as Date).getTime(), now.getTime());
    assert.equal(row!.last_error, null);
  });

  it('keeps the email while SMTP is down and delivers it once, with the same Message-ID, when SMTP is back', async () => {
    await smtp.goDown();
    const first = await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    const second = await outbox.enqueue(knex, confirmationEmail('janis@example.lv'));
    const sender = worker();

    assert.equal(await sender.runOnce(), 2);
    const [a, b] = await outboxRows(knex);
    assert.equal(a!.status, 'pending');
    assert.equal(a!.attempts, 1);
    assert.match(String(a!.last_error), /ECONNREFUSED|ESOCKET|ECONNECTION/);
    const retryAt = (a!.next_attempt_at as Date).getTime();
    assert.ok(retryAt > now.getTime(), 'the next attempt is later');
    // The server was unreachable: the second email was given back untried, to come with the first.
    assert.equal(b!.status, 'pending');
    assert.equal(b!.attempts, 0);
    assert.equal((b!.next_attempt_at as Date).getTime(), retryAt);

    assert.equal(await sender.runOnce(), 0, 'nothing is due before the retry time');

    await smtp.comeBack();
    now = new Date(retryAt);
    assert.equal(await sender.runOnce(), 2);
    later(HOUR);
    assert.equal(await sender.runOnce(), 0);

    assert.deepEqual(
      smtp.messages.map((message) => message.parsed.messageId).sort(),
      [first.messageId, second.messageId].sort(),
    );
    const rows = await outboxRows(knex);
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      [
        ['sent', 2],
        ['sent', 1],
      ],
    );
  });

  it('dead-letters an email that SMTP refuses for good (550) and never tries it again', async () => {
    smtp.answerWith('permanent');
    await outbox.enqueue(knex, confirmationEmail('nobody@example.lv'));
    const sender = worker();
    assert.equal(await sender.runOnce(), 1);
    const [row] = await outboxRows(knex);
    assert.equal(row!.status, 'dead');
    assert.equal(row!.attempts, 1);
    assert.match(String(row!.last_error), /550/);
    smtp.answerWith('accept');
    later(24 * HOUR);
    assert.equal(await sender.runOnce(), 0);
    assert.equal(smtp.messages.length, 0);
    assert.equal(smtp.refused, 1);
  });

  it('retries an email that SMTP refuses for now (451) and delivers it later', async () => {
    smtp.answerWith('temporary');
    const { messageId } = await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    const sender = worker();
    assert.equal(await sender.runOnce(), 1);
    const [row] = await outboxRows(knex);
    assert.equal(row!.status, 'pending');
    assert.equal(row!.attempts, 1);
    assert.match(String(row!.last_error), /451/);
    assert.ok((row!.next_attempt_at as Date).getTime() > now.getTime());

    smtp.answerWith('accept');
    later(HOUR);
    assert.equal(await sender.runOnce(), 1);
    const [sent] = await outboxRows(knex);
    assert.equal(sent!.status, 'sent');
    assert.equal(sent!.attempts, 2);
    assert.deepEqual(
      smtp.messages.map((message) => message.parsed.messageId),
      [messageId],
    );
  });

  it('gives up on an email after the last attempt the policy allows', async () => {
    smtp.answerWith('temporary');
    await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    const sender = worker({ retryPolicy: { maxAttempts: 3 } });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      assert.equal(await sender.runOnce(), 1);
      later(24 * HOUR);
    }
    const [row] = await outboxRows(knex);
    assert.deepEqual([row!.status, row!.attempts], ['dead', 3]);
    assert.equal(smtp.refused, 3);
  });

  it('retries a row whose worker died while sending it, once its lease has run out', async () => {
    await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    // A worker claims the row and then vanishes without recording anything.
    const [claimed] = await new OutboxRepository(knex).claimDue(now, new Date(now.getTime() + 60_000), 10);
    assert.equal(claimed?.attempts, 1);
    const sender = worker();
    assert.equal(await sender.runOnce(), 0, 'leased to the other worker');
    later(61_000);
    assert.equal(await sender.runOnce(), 1);
    assert.equal(smtp.messages.length, 1);
  });

  it('never sends one email twice when two workers run at the same moment', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const ids = new Set<string>();
    for (let i = 0; i < 24; i += 1)
      ids.add((await outbox.enqueue(knex, confirmationEmail(`resident${i}@example.lv`))).messageId);
    const first = worker({ batchSize: 5 });
    const second = worker({ batchSize: 5 });
    let handled = 0;
    for (;;) {
      const counts = await Promise.all([
        first.runOnce(),
        second.runOnce(),
        first.runOnce(),
        second.runOnce(),
      ]);
      const sum = counts.reduce((a, b) => a + b, 0);
      if (sum === 0) break;
      handled += sum;
    }
    assert.equal(handled, 24);
    const received = smtp.messages.map((message) => message.parsed.messageId!);
    assert.equal(received.length, 24);
    assert.deepEqual(new Set(received), ids);
    const rows = await outboxRows(knex);
    assert.ok(rows.every((row) => row.status === 'sent' && row.attempts === 1));
  });

  it('sends on its own once started, and stop() waits for the batch in flight', async () => {
    const sender = new OutboxWorker({
      knex,
      transport: new SmtpTransport({ smtpUrl: smtp.url, mailFrom }),
      logger: silentLogger,
      pollMs: 20,
    });
    sender.start();
    try {
      await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
      await smtp.waitFor((messages) => messages.length === 1);
    } finally {
      await sender.stop();
    }
    const [row] = await outboxRows(knex);
    assert.equal(row!.status, 'sent');
  });
});

describe('the local mailbox transport (no SMTP_URL outside production)', () => {
  it('is what the factory gives without SMTP_URL, SMTP with it, and nothing in production', () => {
    assert.equal(
      createMailTransport({ smtpUrl: undefined, mailFrom: 'a@b.lv', production: false }).name,
      'mailbox',
    );
    const smtp = createMailTransport({
      smtpUrl: 'smtp://127.0.0.1:2525',
      mailFrom: 'a@b.lv',
      production: true,
    });
    assert.equal(smtp.name, 'smtp');
    smtp.close();
    assert.throws(
      () => createMailTransport({ smtpUrl: undefined, mailFrom: 'a@b.lv', production: true }),
      /SMTP_URL/,
    );
  });

  it('marks every row delivered to the mailbox and sends nothing anywhere', async () => {
    const { knex, outbox } = await makeOutbox();
    for (const email of ['anna@example.lv', 'janis@example.lv', 'olga@example.lv'])
      await outbox.enqueue(knex, confirmationEmail(email));
    const sender = new OutboxWorker({ knex, transport: new MailboxTransport(), logger: silentLogger });
    assert.equal(await sender.runOnce(), 3);
    assert.equal(await sender.runOnce(), 0);
    const rows = await outboxRows(knex);
    assert.deepEqual(
      rows.map((row) => [row.status, row.delivered_via]),
      [
        ['sent', 'mailbox'],
        ['sent', 'mailbox'],
        ['sent', 'mailbox'],
      ],
    );
    assert.ok(rows.every((row) => row.sent_at instanceof Date));
  });
});

describe('an automatic answer (RFC 3834)', () => {
  it('goes out with an empty envelope sender and the caller’s Auto-Submitted, never the internal header', async () => {
    const now = new Date();
    const { knex, outbox, mailFrom } = await makeOutbox(() => now);
    const smtp = await startSmtpCapture();
    const transport = new SmtpTransport({ smtpUrl: smtp.url, mailFrom });
    try {
      await outbox.enqueue(
        knex,
        confirmationEmail('clerk@example.lv', {
          headers: { 'Auto-Submitted': 'auto-replied', 'X-Tilts-Envelope-From': '<>' },
        }),
      );
      await new OutboxWorker({ knex, transport, logger: silentLogger, clock: () => now }).runOnce();
      const [message] = smtp.messages;
      assert.deepEqual(message?.envelope, { mailFrom: '', rcptTo: ['clerk@example.lv'] });
      assert.match(message!.raw, /^Auto-Submitted: auto-replied\r$/m);
      assert.doesNotMatch(message!.raw, /auto-generated|X-Tilts-Envelope-From/i);
      assert.deepEqual(message!.parsed.from?.value, [{ address: mailFrom, name: 'Tilts' }]);
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
