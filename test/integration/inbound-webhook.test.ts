import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { REFUSALS_PER_HOUR, inboundRoutes } from '../../src/inbound/routes.js';
import type { InboundService } from '../../src/inbound/service.js';
import { CLERK, addRecipient, clerkReply, routedReport } from '../support/reports.inbound.js';
import { makeBounceAddress } from '../../src/mail/inbound/bounce-address.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import type { Report } from '../../src/reports/types.js';

describe('replies by the webhook door', () => {
  let context: TestContext;
  let report: Report;
  /** Posts a message as a provider would, DKIM-signed by the sender's domain unless told not to. */
  const post = async (raw: Buffer | string, options: { secret?: string; signed?: boolean } = {}) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${options.secret ?? context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(options.signed === false ? Buffer.from(raw) : await context.sign(raw));
  const replyTo = (email = CLERK) => context.services.links.replyAddress(report.ref, email);
  const page = async () => (await request(context.app).get(`/reports/${report.ref}`)).text;
  const mails = (kind: string) => context.services.knex('outbox').where({ report_id: report.id, kind });
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('applies an Outlook reply in Latvian: #procesā sets in progress and publishes only the new text', async () => {
    const res = await post(rawFixture('outlook-lv-reply.eml', { to: replyTo() }));
    assert.equal(res.status, 202);
    // Once, with two suites running at once, this reply was held: the stored reason says why.
    const [row] = await context.services.knex('inbound_messages').select('detail', 'sender_proof');
    assert.equal(res.body.outcome, 'applied', `${row?.detail} (${row?.sender_proof})`);
    assert.equal(await status(), 'in_progress');
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(update.to_status, 'in_progress');
    assert.ok(update.is_public);
    assert.doesNotMatch(update.public_text, /rakstīja|Nosūtīts|Dziļa bedre/);
    const updates = await mails('report-update');
    assert.deepEqual(
      updates.map((mail) => mail.to_email),
      ['janis@example.org'],
    );
  });

  it('publishes a reply signed with a given name alone without the name, and keeps the answer', async () => {
    const text = '#procesā Paldies, bedri aizbērsim rīt.\nZīme paliks līdz tam.\n\nAnna';
    const res = await post(clerkReply({ from: CLERK, to: replyTo(), text, quote: false }));
    assert.equal(res.body.outcome, 'applied');
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(update.public_text, 'Paldies, bedri aizbērsim rīt.\nZīme paliks līdz tam.');
  });

  it('publishes a reply signed with the name its From gives, too rare to be known, without it', async () => {
    const text = '#procesā Bedri aizbērsim rīt.\n\nGunita';
    const from = `"Gunita Ozola" <${CLERK}>`;
    const res = await post(clerkReply({ from, to: replyTo(), text, quote: false }));
    assert.equal(res.body.outcome, 'applied');
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(update.public_text, 'Bedri aizbērsim rīt.');
  });

  it('masks the greeting of a reporter who kept their name back, and keeps it for one who shows it', async () => {
    const hidden = await routedReport(context, { showName: false, name: 'Alexander Smith' });
    const text = '#procesā Labdien, Aleksandr! Bedri aizbērsim rīt, Jāņa ielā arī.';
    for (const one of [hidden, report]) {
      const to = context.services.links.replyAddress(one.ref, CLERK);
      assert.equal((await post(clerkReply({ from: CLERK, to, text, quote: false }))).body.outcome, 'applied');
    }
    const published = async (id: number) =>
      (await context.services.knex('report_updates').where({ report_id: id, channel: 'email' }).first())
        .public_text;
    assert.equal(await published(hidden.id), 'Labdien, […]! Bedri aizbērsim rīt, Jāņa ielā arī.');
    assert.equal(await published(report.id), 'Labdien, Aleksandr! Bedri aizbērsim rīt, Jāņa ielā arī.');
  });

  it('keeps a hidden reporter’s given name where it starts a sentence as a word, and masks it greeting them', async () => {
    const rasa = await routedReport(context, { showName: false, name: 'Rasa Ozola' });
    const to = context.services.links.replyAddress(rasa.ref, CLERK);
    const text = '#procesā Rasa uz ceļa sasala, bedri lāpīsim rīt. Paldies, Rasa!';
    assert.equal((await post(clerkReply({ from: CLERK, to, text, quote: false }))).body.outcome, 'applied');
    const update = await context.services
      .knex('report_updates')
      .where({ report_id: rasa.id, channel: 'email' })
      .first();
    assert.equal(update.public_text, 'Rasa uz ceļa sasala, bedri lāpīsim rīt. Paldies, […]!');
  });

  it('masks a hidden reporter’s surname alone mid-sentence, and keeps it starting a sentence', async () => {
    const ozola = await routedReport(context, { showName: false, name: 'Anna Ozola' });
    const to = context.services.links.replyAddress(ozola.ref, CLERK);
    const text = '#procesā Ozola zari nozāģēti. Zvanījām Ozolas kundzei un Ozolai.';
    assert.equal((await post(clerkReply({ from: CLERK, to, text, quote: false }))).body.outcome, 'applied');
    const update = await context.services
      .knex('report_updates')
      .where({ report_id: ozola.id, channel: 'email' })
      .first();
    assert.equal(update.public_text, 'Ozola zari nozāģēti. Zvanījām […] un […].');
  });

  it('applies the same message once when it is delivered twice', async () => {
    await addRecipient(context, report, 'john.smith@example.org');
    const raw = rawFixture('gmail-en-reply.eml', { to: replyTo('john.smith@example.org') });
    assert.equal((await post(raw)).body.outcome, 'applied');
    assert.equal((await post(raw)).body.outcome, 'duplicate');
    const updates = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(updates.length, 1);
    assert.equal(await status(), 'resolved');
  });

  it('applies a message without a Message-ID once, recognising it again by its hash', async () => {
    await addRecipient(context, report, 'viljani@example.org');
    const raw = await context.sign(rawFixture('no-message-id.eml', { to: replyTo('viljani@example.org') }));
    assert.equal((await post(raw, { signed: false })).body.outcome, 'applied');
    assert.equal((await post(raw, { signed: false })).body.outcome, 'duplicate');
    const [stored] = await context.services.knex('inbound_messages').select('dedupe_key', 'message_id');
    assert.match(stored.dedupe_key, /^sha256:[0-9a-f]{64}$/);
    assert.equal(stored.message_id, null);
    assert.equal(await status(), 'acknowledged');
  });

  it('reads a Russian Thunderbird reply, an HTML-only reply and a status word in the wrong case', async () => {
    await addRecipient(context, report, 'ivan.petrov@example.org');
    const ru = await post(rawFixture('thunderbird-ru-reply.eml', { to: replyTo('ivan.petrov@example.org') }));
    assert.equal(ru.body.outcome, 'applied');
    assert.equal(await status(), 'resolved');
    const other = await routedReport(context, { email: 'other@example.org' });
    const to = context.services.links.replyAddress(other.ref, CLERK);
    assert.equal((await post(rawFixture('status-word-wrong-case.eml', { to }))).body.outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(other.id))!.status, 'in_progress');
    const third = await routedReport(context, { email: 'third@example.org' });
    await addRecipient(context, third, 'makonkalns@example.org');
    const thirdTo = context.services.links.replyAddress(third.ref, 'makonkalns@example.org');
    const html = await post(rawFixture('html-only-reply.eml', { to: thirdTo }));
    assert.equal(html.body.outcome, 'applied');
    assert.equal((await context.services.reportRepository.byId(third.id))!.status, 'resolved');
  });

  it('adds the photo of a reply to the update, stripped through the photo pipeline', async () => {
    const res = await post(rawFixture('reply-with-photo.eml', { to: replyTo() }));
    assert.equal(res.status, 202);
    assert.equal(
      res.body.outcome,
      'applied',
      JSON.stringify(await context.services.knex('inbound_messages').select('outcome', 'detail')),
    );
    const photos = await context.services
      .knex('report_photos')
      .where({ report_id: report.id })
      .whereNotNull('update_id');
    assert.equal(photos.length, 1);
  });

  it('keeps #iekšēji as an internal note that no public page and no resident email shows', async () => {
    assert.equal((await post(rawFixture('forwarded.eml', { to: replyTo() }))).status, 202);
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(update.is_public, false);
    assert.ok(update.internal_note);
    assert.equal((await mails('report-update')).length, 0);
    assert.doesNotMatch(
      await page(),
      new RegExp(
        String(update.internal_note)
          .slice(0, 20)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      ),
    );
  });

  it('never publishes an out-of-office answer', async () => {
    assert.equal((await post(rawFixture('out-of-office.eml', { to: replyTo() }))).body.outcome, 'auto_reply');
    assert.equal(await status(), 'open');
    assert.equal(
      (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' }))
        .length,
      0,
    );
  });

  /** The Postfix report, sent back to `to` about the email with `messageId` (each a new report). */
  let reports = 0;
  const bounceFor = (to: string, messageId: string) =>
    Buffer.from(
      rawFixture('bounce-permanent.eml', { to })
        .toString('latin1')
        .replace('<outbox-118@tilts.example.org>', messageId)
        .replace('<20260302081601.7E1A2B3C4D@mx.example.org>', `<dsn-${(reports += 1)}@mx.example.org>`),
      'latin1',
    );
  const clerkBounces = async () =>
    (await context.services.knex('contacts').whereRaw('lower(email) = ?', [CLERK]).first()).bouncing_since;

  it('believes no delivery report that is not about an email we sent: it is kept and changes nothing', async () => {
    const forged = await post(rawFixture('bounce-permanent.eml', { to: replyTo() }), { signed: false });
    assert.equal(forged.body.outcome, 'bounce');
    assert.equal(await clerkBounces(), null);
    assert.equal((await context.services.knex('outbox').where({ kind: 'bounce-alert' })).length, 0);
    const [kept] = await context.services.knex('inbound_messages').select('outcome', 'detail', 'raw_key');
    assert.equal(kept.outcome, 'bounce');
    assert.match(kept.detail, /not about an email we sent/);
    assert.ok(kept.raw_key, 'the report is kept');
  });

  it('marks a contact bouncing when the report comes back to the signed address of the email sent to it', async () => {
    const sent = await context.services.knex('outbox').where({ kind: 'report-new', to_email: CLERK }).first();
    const verp = makeBounceAddress(sent.id, {
      secret: context.config.inboundSecret,
      domain: context.config.inboundDomain,
    });
    // A report about that email but naming another address changes nothing.
    const other = bounceFor(verp, sent.message_id)
      .toString('latin1')
      .replaceAll('rfc822; kaunata@example.org', 'rfc822; someone.else@example.org');
    assert.equal((await post(Buffer.from(other, 'latin1'), { signed: false })).body.outcome, 'bounce');
    assert.equal(await clerkBounces(), null);
    assert.equal((await post(bounceFor(verp, '<x@y>'), { signed: false })).body.outcome, 'bounce');
    assert.ok(await clerkBounces());
    assert.equal((await context.services.knex('outbox').where({ kind: 'bounce-alert' })).length, 1);
  });

  it('marks a contact bouncing when the report quotes the Message-ID of the email sent to it', async () => {
    const sent = await context.services.knex('outbox').where({ kind: 'report-new', to_email: CLERK }).first();
    await post(bounceFor(replyTo(), '<forged-guess@tilts.test>'), { signed: false });
    assert.equal(await clerkBounces(), null);
    await post(bounceFor(replyTo(), sent.message_id), { signed: false });
    assert.ok(await clerkBounces());
    const delay = await post(rawFixture('bounce-temporary.eml', { to: replyTo() }), { signed: false });
    assert.equal(delay.body.outcome, 'bounce');
    assert.equal((await context.services.knex('outbox').where({ kind: 'bounce-alert' })).length, 1);
    assert.equal(await status(), 'open');
  });

  it('holds a reply from a stranger: nothing public, kept for staff, and the social worker is told', async () => {
    const res = await post(rawFixture('stranger-reply.eml', { to: replyTo() }));
    assert.equal(res.body.outcome, 'held');
    assert.equal(await status(), 'open');
    const held = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.equal(held.length, 1);
    assert.ok(held[0].raw_key, 'the raw message is kept');
    const told = await mails('held-reply');
    assert.deepEqual(
      told.map((mail) => mail.to_email),
      ['kaunatas.socialais@example.org'],
    );
    assert.equal((await mails('report-update')).length, 0);
  });

  it('lets a staff member who was not a recipient speak at once, e.g. the admin answering a forwarded email', async () => {
    await context.services
      .knex('contacts')
      .where({ code: 'novads' })
      .update({ email: 'kaimins@example.org' });
    const res = await post(rawFixture('stranger-reply.eml', { to: replyTo() }));
    assert.equal(res.body.outcome, 'applied');
  });

  it('applies nothing for a forged, truncated or other report’s reply address', async () => {
    const forged = replyTo().replace(/-([a-z2-7]{16})@/, '-aaaaaaaaaaaaaaaa@');
    assert.equal((await post(rawFixture('gmail-en-reply.eml', { to: forged }))).body.outcome, 'forged');
    const truncated = replyTo().replace(/-([a-z2-7]{16})@/, (_m, sig: string) => `-${sig.slice(0, 8)}@`);
    assert.equal(
      (await post(rawFixture('outlook-lv-reply.eml', { to: truncated }))).body.outcome,
      'unknown_address',
    );
    const other = await routedReport(context, { email: 'other@example.org' });
    const crossed = replyTo().replace(report.ref.toLowerCase(), other.ref.toLowerCase());
    assert.equal(
      (await post(rawFixture('thunderbird-ru-reply.eml', { to: crossed }))).body.outcome,
      'forged',
    );
    assert.equal(await status(), 'open');
    assert.equal((await context.services.reportRepository.byId(other.id))!.status, 'open');
  });

  it('answers an unknown status word with one automatic list of the words and changes nothing', async () => {
    await addRecipient(context, report, 'john.smith@example.org');
    const to = replyTo('john.smith@example.org');
    const raw = rawFixture('gmail-en-reply.eml', { to })
      .toString('latin1')
      .replaceAll('#resolved', '#fixedit');
    const res = await post(Buffer.from(raw, 'latin1'));
    assert.equal(res.body.outcome, 'unknown_word');
    assert.equal(await status(), 'open');
    const help = await mails('status-words-help');
    assert.equal(help.length, 1);
    assert.equal(help[0].to_email, 'john.smith@example.org');
  });

  it('keeps scripts in HTML mail out of the published text', async () => {
    assert.equal((await post(rawFixture('script-in-html.eml', { to: replyTo() }))).status, 202);
    const html = await page();
    assert.doesNotMatch(html, /<script>alert|onerror=|<iframe/i);
  });

  it('refuses a 30 MB message with 413 and stores nothing', async () => {
    const big = Buffer.concat([
      Buffer.from(`To: ${replyTo()}\r\nFrom: ${CLERK}\r\n\r\n`),
      Buffer.alloc(30 * 1024 * 1024, 'a'),
    ]);
    assert.equal((await post(big, { signed: false })).status, 413);
    assert.equal((await context.services.knex('inbound_messages')).length, 0);
  });

  it('reads the whole of a proven oversized message before its 413, so a proxy in front passes the 413 on', async () => {
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
