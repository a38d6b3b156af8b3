import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { rawMailDir } from '../../src/inbound/raw-store.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';

const inboundFiles = (context: TestContext) => {
  const dir = rawMailDir(context.config.dataDir);
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.eml'))
    : [];
};

describe('the doors for inbound mail', function () {
  this.timeout(60_000);
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  it('the webhook refuses a post without credentials before reading its body', async () => {
    const server = http.createServer(context.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/inbound/email',
          headers: { 'Content-Type': 'message/rfc822', 'Content-Length': String(20 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
        });
        // A few kilobytes of the twenty megabytes promised, and then nothing: only an answer that
        // does not wait for the body can arrive.
        req.write(Buffer.alloc(4096, 'a'));
      });
      assert.equal(status, 401);
      assert.equal((await context.services.knex('inbound_messages')).length, 0);
      assert.equal(inboundFiles(context).length, 0);
    } finally {
      server.close();
    }
  });

  it('keeps a message that cannot be read at all, as malformed, instead of losing it', async () => {
    const garbage = Buffer.concat([
      Buffer.from('\u0000\u0001 not a message\r\n\r\n'),
      Buffer.alloc(64, 0xff),
    ]);
    const res = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(garbage)
      .expect(202);
    assert.equal(res.body.outcome, 'malformed');
    const [kept] = await context.services.knex('inbound_messages').select('outcome', 'raw_key', 'raw_size');
    assert.equal(kept.outcome, 'malformed');
    assert.equal(kept.raw_size, garbage.length);
    assert.equal(inboundFiles(context).length, 1);
  });

  it('the SMTP door listens where it is told, takes a few messages per client address and hour, then says "later"', async () => {
    const report = await routedReport(context);
    const { port, receiver } = await startSmtpDoor(context, { maxClients: 2, perIpPerHour: 2 });
    try {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const send = async (n: number) =>
        nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
          envelope: { from: CLERK, to: [to] },
          raw: await context.sign(
            `From: ${CLERK}\r\nTo: ${to}\r\nSubject: Re\r\nMessage-ID: <door-${n}@example.org>\r\n\r\nZiņa ${n}\r\n`,
          ),
        });
      await send(1);
      await send(2);
      await assert.rejects(send(3), (error: Error & { responseCode?: number }) => {
        assert.equal(error.responseCode, 450);
        return true;
      });
      assert.equal((await context.services.knex('inbound_messages')).length, 2);
      const [first] = await context.services.knex('inbound_messages').orderBy('id').select('envelope');
      const envelope = typeof first.envelope === 'string' ? JSON.parse(first.envelope) : first.envelope;
      assert.equal(envelope.clientIp, '127.0.0.1');
      assert.equal(envelope.mailFrom, CLERK);
    } finally {
      await receiver.stop();
    }
  });

  it('forgets raw messages and sent-email bodies after their retention period, keeping what happened', async () => {
    const report = await routedReport(context);
    const to = context.services.links.replyAddress(report.ref, CLERK);
    await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(
        await context.sign(
          `From: ${CLERK}\r\nTo: ${to}\r\nSubject: Re\r\nMessage-ID: <old@example.org>\r\n\r\n#saņemts\r\n`,
        ),
      )
      .expect(202);
    assert.equal(inboundFiles(context).length, 1);
    await context.services.knex('outbox').update({ status: 'sent' });

    const now = Date.now();
    assert.equal(
      await context.services.inbound.purgeRaw(new Date(now - 90 * 86_400_000)),
      0,
      'young mail stays',
    );
    assert.equal(await context.services.inbound.purgeRaw(new Date(now + 1000)), 1);
    const [row] = await context.services
      .knex('inbound_messages')
      .select('outcome', 'detail', 'sender_proof', 'raw_key', 'raw', 'raw_purged_at');
    // Once in a full run this reply was held, not applied: the row's reason says why, if it is again.
    assert.deepEqual(
      [row.outcome, row.raw_key, row.raw],
      ['applied', null, null],
      `${row.outcome}: ${row.detail} (${row.sender_proof})`,
    );
    assert.ok(row.raw_purged_at);
    assert.equal(inboundFiles(context).length, 0);

    const purged = await context.services.outbox.purgeBodies(new Date(now + 1000), new Date());
    assert.ok(purged > 0);
    const bodies = await context.services
      .knex('outbox')
      .select('subject', 'text_body', 'html_body', 'bodies_purged_at');
    for (const mail of bodies) {
      assert.equal(mail.text_body, '');
      assert.equal(mail.html_body, '');
      assert.ok(mail.subject, 'who got what, when, stays');
      assert.ok(mail.bodies_purged_at);
    }
  });

  it('a NUL or control character in a header is stored cleaned, and the message handled', async () => {
    const report = await routedReport(context);
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = Buffer.from(
      `From: Kai\u0000mins <kaimins@example.org>\r\nTo: ${to}\r\nSubject: Bed\u0000re\u0007 x\r\nMessage-ID: <nul@example.org>\r\n\r\nTeksts\u0000 ar NUL\r\n`,
    );
    const res = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(raw)
      .expect(202);
    assert.equal(res.body.outcome, 'held');
    const [row] = await context.services.knex('inbound_messages').select('subject', 'from_email');
    assert.equal(row.subject, 'Bed re  x');
    assert.equal(row.from_email, 'kaimins@example.org');
    const [notice] = await context.services.knex('outbox').where({ kind: 'held-reply' });
    assert.ok(!String(notice.text_body).includes('\u0000'), 'no NUL reaches an email');
  });
});
