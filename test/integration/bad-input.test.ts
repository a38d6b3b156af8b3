import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, testJpeg } from '../support/reports.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { count, errorOf, postForm, validFields } from './report-form-helpers.js';

describe('bad input gets a clear answer, never a 500, and loses nothing', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  it('a NUL or other control character in the search is dropped, not sent to the database', async () => {
    const res = await request(context.app).get('/reports?q=bed%00re%07&lang=en').expect(200);
    assert.match(res.text, /value="bedre"/);
    await request(context.app).get('/reports?q=%00').expect(200);
    await request(context.app).get('/reports?parish=%00&status=%00open').expect(200);
  });

  it('a NUL in a comment is removed and the comment saved', async () => {
    const { report, token } = await makeReport(context.services);
    await request(context.app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Bedre\u0000 joprojām ir.\u2028Lūdzu!' })
      .expect(303);
    const [row] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, author_kind: 'reporter' })
      .orderBy('id', 'desc')
      .limit(1);
    assert.equal(row.public_text, 'Bedre joprojām ir.\nLūdzu!');
  });

  it('an address the outbox would refuse (a 65-character local part) is refused by the form, which keeps the rest', async () => {
    const email = `${'a'.repeat(65)}@example.lv`;
    const res = await postForm(context.app, validFields({ email }), { lang: 'en' }).expect(422);
    assert.equal(
      errorOf(res.text, 'email'),
      'Error: Enter one valid email address, for example name@example.lv.',
    );
    assert.match(res.text, /value="Bedre pie pieturas"/);
    assert.equal(await count(context.services.knex, 'reports'), 0);
    assert.equal(await count(context.services.knex, 'outbox'), 0);
  });

  it('a line break or line separator in a subscriber’s name becomes a space, and the email goes out', async () => {
    const report = await routedReport(context);
    for (const name of ['Anna\r\nBcc: everyone@example.org', 'Jānis\u2028Bērziņš']) {
      await request(context.app)
        .post(`/reports/${report.ref}/subscribe`)
        .type('form')
        .send({ name, email: `${name.length}@example.lv` })
        .expect(303);
    }
    const sent = await context.services.knex('outbox').where({ kind: 'subscription-confirm' }).orderBy('id');
    // The first, on one line, holds an email address: to an address not yet proven, such words
    // are no name at all (src/mail/unproven.ts), so the email goes out to the address alone.
    assert.deepEqual(
      sent.map((row: { to_name: string | null }) => row.to_name),
      [null, 'Jānis Bērziņš'],
    );
  });

  it('an unsubscribed address is not subscribed again by anyone until its owner confirms anew', async () => {
    const report = await routedReport(context);
    const subscribe = () =>
      request(context.app)
        .post(`/reports/${report.ref}/subscribe`)
        .type('form')
        .send({ name: 'Anna', email: 'anna@example.lv' })
        .expect(303);
    const confirmLink = async () => {
      const row = await context.services
        .knex('outbox')
        .where({ kind: 'subscription-confirm' })
        .orderBy('id', 'desc')
        .first();
      return /\/subscriptions\/confirm\/[\w.-]+/.exec(row.text_body as string)![0];
    };
    await subscribe();
    const first = await confirmLink();
    await request(context.app).post(first).type('form').send({}).expect(200);
    const [row] = await context.services.knex('subscriptions');
    await request(context.app)
      .post(new URL(context.services.links.unsubscribe('s', row.id)).pathname)
      .expect(200);

    await subscribe();
    const [again] = await context.services.knex('subscriptions');
    assert.ok(again.unsubscribed_at, 'asking again does not subscribe anyone');
    // The old link, sent before unsubscribing, does not either; the new one does.
    // It says so, rather than that the link is broken.
    const old = await request(context.app).post(`${first}?lang=en`).type('form').send({}).expect(410);
    assert.match(
      old.text,
      /data-outcome="unsubscribed">You stopped following this report after this link was sent/,
    );
    assert.ok((await context.services.knex('subscriptions').first()).unsubscribed_at);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await subscribe();
    await request(context.app)
      .post(await confirmLink())
      .type('form')
      .send({})
      .expect(200);
    const confirmed = await context.services.knex('subscriptions').first();
    assert.equal(confirmed.unsubscribed_at, null);
  });

  it('a follow confirmed after its report was withdrawn says so, and follows nothing', async () => {
    const report = await routedReport(context);
    await request(context.app)
      .post(`/reports/${report.ref}/subscribe`)
      .type('form')
      .send({ name: 'Toms', email: 'toms@example.lv' })
      .expect(303);
    const row = await context.services.knex('outbox').where({ kind: 'subscription-confirm' }).first();
    const link = /\/subscriptions\/confirm\/[\w.-]+/.exec(row.text_body as string)![0];
    const { services } = context;
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const res = await request(context.app).post(`${link}?lang=ru`).type('form').send({}).expect(410);
    assert.match(res.text, /data-outcome="withdrawn">Житель отозвал это сообщение/);
    assert.equal((await services.knex('subscriptions').first()).confirmed_at, null);
  });

  it('a flood of comments on one report is stopped after a few, with the text and photo kept to send later', async () => {
    const { report, token } = await makeReport(context.services);
    for (let i = 1; i <= 6; i += 1) {
      await request(context.app)
        .post(`/reports/${report.ref}/actions`)
        .type('form')
        .send({ token, action: 'comment', text: `Komentārs ${i}` })
        .expect(303);
    }
    const refused = await request(context.app)
      .post(`/reports/${report.ref}/actions?lang=en`)
      .field('token', token)
      .field('action', 'comment')
      .field('text', 'Septītais komentārs')
      .attach('photos', await testJpeg(), { filename: 'bedre.jpg', contentType: 'image/jpeg' })
      .expect(429);
    assert.match(refused.text, /Many updates have been added to this report in the last hour/);
    assert.match(refused.text, />Septītais komentārs</);
    assert.match(refused.text, /name="pending" value="[^"]+"/, 'the photo is kept as a pending upload');
    const relays = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-relay' });
    assert.equal(relays.length, 6 * 2, 'the parish and the social worker got six, not more');
  });

  it('a rotating X-Forwarded-For escapes no per-address limit when no proxy is trusted', async () => {
    // Reports that are sent count (a form to correct does not), five per address at most.
    const hit = (forwarded: string, i: number) =>
      postForm(context.app, validFields({ email: `x${i}@example.lv` })).set('X-Forwarded-For', forwarded);
    for (let i = 0; i < 20; i += 1) await hit(`198.51.100.${i}`, i).expect(303);
    await hit('198.51.100.99', 99).expect(429);
  });

  it('behind a trusted proxy, the address the proxy saw counts, not what the client wrote before it', async () => {
    const proxied = await makeApp({ TRUST_PROXY: 'loopback' });
    const hit = (first: string, i: number) =>
      postForm(proxied.app, validFields({ email: `p${i}@example.lv` })).set(
        'X-Forwarded-For',
        `${first}, 203.0.113.7`,
      );
    for (let i = 0; i < 20; i += 1) await hit(`198.51.100.${i}`, i).expect(303);
    await hit('198.51.100.99', 99).expect(429);
    // Another client behind the same proxy is counted on its own.
    await postForm(proxied.app, validFields({ email: 'other@example.lv' }))
      .set('X-Forwarded-For', '203.0.113.8')
      .expect(303);
  });

  it('counts an IPv6 client by its /64, which it is given whole, not by each address in it', async () => {
    const proxied = await makeApp({ TRUST_PROXY: 'loopback' });
    const hit = (address: string, i: number) =>
      postForm(proxied.app, validFields({ email: `v${i}@example.lv` })).set('X-Forwarded-For', address);
    for (let i = 0; i < 20; i += 1) await hit(`2001:db8:1:2::${(i + 1).toString(16)}`, i).expect(303);
    await hit('2001:db8:1:2:ffff:ffff:ffff:ffff', 99).expect(429);
    // The next /64 is another client.
    await hit('2001:db8:1:3::1', 100).expect(303);
  });

  it('held replies notify the social worker a few times an hour, then are only kept', async () => {
    const report = await routedReport(context);
    const to = context.services.links.replyAddress(report.ref, CLERK);
    for (let i = 0; i < 7; i += 1) {
      const raw = [
        'From: kaimins@example.org',
        `To: ${to}`,
        'Subject: Re: bedre',
        `Message-ID: <flood-${i}@example.org>`,
        '',
        `Ziņa ${i}`,
        '',
      ].join('\r\n');
      const res = await request(context.app)
        .post('/inbound/email')
        .set('Authorization', `Bearer ${context.config.inboundSecret}`)
        .send(Buffer.from(raw));
      assert.equal(res.body.outcome, 'held');
    }
    assert.equal(await count(context.services.knex, 'inbound_messages', { outcome: 'held' }), 7);
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'held-reply' }), 5);
  });
});
