import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { REFUSALS_PER_HOUR, inboundRoutes } from '../../src/inbound/routes.js';
import type { InboundService } from '../../src/inbound/service.js';
import { CLERK } from '../support/reports.inbound.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import { webhookDoor } from './inbound-webhook-helpers.js';

describe('replies by the webhook door: its size limit and its secret', () => {
  const webhook = webhookDoor();

  it('refuses a 30 MB message with 413 and stores nothing', async () => {
    const { context, post, replyTo } = webhook();
    const big = Buffer.concat([
      Buffer.from(`To: ${replyTo()}\r\nFrom: ${CLERK}\r\n\r\n`),
      Buffer.alloc(30 * 1024 * 1024, 'a'),
    ]);
    assert.equal((await post(big, { signed: false })).status, 413);
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
  });

  it('reads the whole of a proven oversized message before its 413, so a proxy in front passes the 413 on', async () => {
    const { context } = webhook();
    const server = context.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      const size = 26 * 1024 * 1024;
      socket.write(
        [
          'POST /inbound/email HTTP/1.1',
          'Host: tilts.example.org',
          `Authorization: Bearer ${context.config.inboundSecret}`,
          'Content-Type: message/rfc822',
          `Content-Length: ${size}`,
          '',
          '',
        ].join('\r\n'),
      );
      let answer = '';
      let sentWhenAnswered = -1;
      let sent = 0;
      socket.on('data', (part: Buffer) => {
        if (sentWhenAnswered < 0) sentWhenAnswered = sent;
        answer += part.toString('utf8');
      });
      const closed = once(socket, 'close');
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (; sent < size; sent += chunk.length) {
        // As a proxy does: the next megabyte only once the last one was taken.
        if (!socket.write(chunk)) await once(socket, 'drain');
        if (sentWhenAnswered >= 0) break;
      }
      await closed;
      assert.equal(sentWhenAnswered, size, 'Tilts answered only after the whole body was sent');
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /"error":"message too large"/);
    } finally {
      socket.destroy();
      server.close();
    }
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
  });

  it('refuses a message without the secret, with a wrong secret, or with a bad HMAC', async () => {
    const { context, post, replyTo } = webhook();
    const raw = await context.sign(rawFixture('outlook-lv-reply.eml', { to: replyTo() }));
    await request(context.app).post('/inbound/email').send(raw).expect(401);
    assert.equal((await post(raw, { secret: 'wrong-secret-wrong-secret', signed: false })).status, 401);
    await request(context.app)
      .post('/inbound/email')
      .set('X-Tilts-Signature', 'sha256=00')
      .send(raw)
      .expect(401);
    const signature = crypto.createHmac('sha256', context.config.inboundSecret).update(raw).digest('hex');
    const res = await request(context.app)
      .post('/inbound/email')
      .set('Content-Type', 'message/rfc822')
      .set('X-Tilts-Signature', `sha256=${signature}`)
      .send(raw)
      .expect(202);
    assert.equal(res.body.outcome, 'applied');
  });

  it('refuses a client unread once it has failed to prove itself 30 times in an hour; the bearer still passes', async () => {
    const { context, post, replyTo } = webhook();
    const raw = await context.sign(rawFixture('outlook-lv-reply.eml', { to: replyTo() }));
    const forged = () =>
      request(context.app)
        .post('/inbound/email')
        .set('Content-Type', 'message/rfc822')
        .set('X-Tilts-Signature', 'sha256=00')
        .send(raw);
    for (let i = 0; i < REFUSALS_PER_HOUR; i += 1) await forged().expect(401);
    await forged().expect(429);
    await request(context.app).post('/inbound/email').send(raw).expect(429);
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
    const res = await post(raw, { signed: false });
    assert.equal(res.status, 202);
    assert.equal(res.body.outcome, 'applied');
  });

  it('records a badly signed post only once it is proven, so it cannot make the genuine message a duplicate', async () => {
    const { context, post, replyTo, status } = webhook();
    const raw = await context.sign(rawFixture('outlook-lv-reply.eml', { to: replyTo() }));
    const real = context.services.inbound;
    let genuine: request.Response | undefined;
    // The genuine delivery arrives the moment the forged post's body has been stored.
    const racing: InboundService = Object.assign(Object.create(real) as InboundService, {
      store: async (...args: Parameters<InboundService['store']>) => {
        const stored = await real.store(...args);
        genuine ??= await post(raw, { signed: false });
        return stored;
      },
    });
    const door = express().use(inboundRoutes(racing, context.services.limiter, context.config.inboundSecret));
    await request(door)
      .post('/inbound/email')
      .set('Content-Type', 'message/rfc822')
      .set('X-Tilts-Signature', 'sha256=00')
      .send(raw)
      .expect(401);
    assert.equal(genuine?.status, 202);
    assert.equal(genuine?.body.outcome, 'applied');
    assert.equal(await status(), 'in_progress');
    assert.equal((await context.services.knex('inbound_messages')).length, 1);
  });
});
