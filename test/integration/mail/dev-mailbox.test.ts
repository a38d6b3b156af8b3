import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { createI18n } from '../../../src/i18n/index.js';
import { listUnsubscribeHeaders, Outbox } from '../../../src/mail/outbox.js';
import { EmailRenderer } from '../../../src/mail/renderer.js';
import { MailboxTransport } from '../../../src/mail/transport.js';
import { OutboxWorker } from '../../../src/mail/worker.js';
import { DEVELOPER_MACHINE, makeApp, type TestContext } from '../../support/app.js';
import { confirmationEmail, silentLogger } from './support.js';

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('the local mailbox at /dev/mailbox', () => {
  let context: TestContext;
  let outbox: Outbox;

  const enqueue = (...args: Parameters<typeof confirmationEmail>) =>
    outbox.enqueue(context.services.knex, confirmationEmail(...args));

  before(async () => {
    context = await makeApp(DEVELOPER_MACHINE);
    const { config } = context;
    outbox = new Outbox({
      renderer: new EmailRenderer({ i18n: await createI18n(), publicUrl: config.publicUrl }),
      publicUrl: config.publicUrl,
      mailFrom: config.mailFrom,
    });
  });
  beforeEach(async () => {
    await context.services.knex.raw('truncate outbox restart identity');
  });

  it('says it is empty when Tilts has written no email yet', async () => {
    const res = await request(context.app).get('/dev/mailbox').expect(200);
    assert.match(res.text, /<html lang="lv">/);
    assert.match(res.text, /data-qa="mailbox-empty"/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('lists every email newest first with recipient, subject, kind, status and delivery', async () => {
    await enqueue('anna@example.lv');
    await enqueue('janis@example.lv', {
      language: 'en',
      to: { email: 'janis@example.lv', name: 'Jānis <J>' },
    });
    await new OutboxWorker({
      knex: context.services.knex,
      transport: new MailboxTransport(),
      logger: silentLogger,
      batchSize: 1,
    }).runOnce();

    const res = await request(context.app).get('/dev/mailbox?lang=en').expect(200);
    assert.match(res.text, /<caption>Emails, newest first<\/caption>/);
    assert.match(res.text, /2 emails/);
    const rows = [...res.text.matchAll(/data-qa="mailbox-row" data-id="(\d+)"/g)].map((match) => match[1]);
    assert.deepEqual(rows, ['2', '1']);
    assert.match(res.text, /Jānis &lt;J&gt; &lt;janis@example.lv&gt;/);
    assert.match(res.text, /Confirm your report “Bedre ceļā pie skolas”/);
    assert.match(res.text, /report-confirm/);
    assert.match(res.text, /data-status="pending">waiting</);
    assert.match(res.text, /data-status="sent">sent</);
    assert.match(res.text, /data-qa="mailbox-via">local mailbox</);
  });

  it('pages through a long mailbox', async () => {
    for (let i = 0; i < 52; i += 1) await enqueue(`resident${i}@example.lv`);
    const first = await request(context.app).get('/dev/mailbox').expect(200);
    assert.equal(count(first.text, /data-qa="mailbox-row"/g), 50);
    assert.match(first.text, /1\. lapa no 2/);
    assert.match(first.text, /href="\/dev\/mailbox\?page=2" rel="next"/);
    const second = await request(context.app).get('/dev/mailbox?page=2').expect(200);
    assert.equal(count(second.text, /data-qa="mailbox-row"/g), 2);
    assert.match(second.text, /href="\/dev\/mailbox\?page=1" rel="prev"/);
    await request(context.app).get('/dev/mailbox?page=abc').expect(200);
  });

  it('shows one email: its headers, the text body and links to the HTML and the raw source', async () => {
    const { id, messageId } = await enqueue('anna@example.lv', {
      replyTo: 'r-rzn-2026-00042-abcdefghijklmnop@tilts.test',
      headers: listUnsubscribeHeaders('http://tilts.test/unsubscribe/tok'),
    });
    const res = await request(context.app).get(`/dev/mailbox/${id}`).expect(200);
    assert.match(res.text, /data-qa="message-subject">Apstipriniet savu ziņojumu „Bedre ceļā pie skolas”</);
    assert.match(res.text, new RegExp(`data-qa="header-from">Tilts &lt;${context.config.mailFrom}&gt;<`));
    assert.match(res.text, /data-qa="header-to">anna@example.lv</);
    assert.match(res.text, /data-qa="header-reply-to">r-rzn-2026-00042-abcdefghijklmnop@tilts.test</);
    assert.ok(res.text.includes(messageId.replace('<', '&lt;').replace('>', '&gt;')));
    assert.match(res.text, /<dt>List-Unsubscribe<\/dt>/);
    assert.match(res.text, /<pre class="mail-text" data-qa="text-body">Labdien!/);
    assert.match(res.text, new RegExp(`href="/dev/mailbox/${id}/html"`));
    assert.match(res.text, new RegExp(`href="/dev/mailbox/${id}/raw"`));
  });

  it('serves the HTML body in a sandbox where nothing in it can run, with its own styles', async () => {
    const { id } = await enqueue('anna@example.lv');
    const res = await request(context.app)
      .get(`/dev/mailbox/${id}/html`)
      .expect(200)
      .expect('Content-Type', /html/);
    assert.equal(
      res.headers['content-security-policy'],
      "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
    );
    assert.match(res.text, /^<!doctype html>\n<html lang="lv"/);
  });

  it('serves the full RFC 5322 source as SMTP would send it', async () => {
    const { id, messageId } = await enqueue('anna@example.lv', {
      headers: listUnsubscribeHeaders('http://tilts.test/unsubscribe/tok'),
    });
    const res = await request(context.app)
      .get(`/dev/mailbox/${id}/raw`)
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    const parsed = await simpleParser(res.text);
    assert.equal(parsed.messageId, messageId);
    assert.equal(parsed.subject, 'Apstipriniet savu ziņojumu „Bedre ceļā pie skolas”');
    assert.match(String(parsed.text), /Labdien!/);
    assert.match(String(parsed.html), /<html lang="lv"/);
    assert.match(res.text, /^List-Unsubscribe: <http:\/\/tilts\.test\/unsubscribe\/tok>\r$/m);
  });

  it('answers an unknown or malformed message id with the 404 page', async () => {
    await request(context.app).get('/dev/mailbox/999').expect(404);
    await request(context.app).get('/dev/mailbox/abc').expect(404);
    await request(context.app).get('/dev/mailbox/1e3/html').expect(404);
  });

  it('is not there at all in production', async () => {
    const production = await makeApp({
      NODE_ENV: 'production',
      SECRET: 'a-production-secret-of-some-length',
      SMTP_URL: 'smtp://127.0.0.1:2525',
    });
    await request(production.app).get('/dev/mailbox').expect(404);
  });

  it('is not there when NODE_ENV was forgotten but the site is real (an https address and an SMTP server)', async () => {
    const careless = await makeApp({
      NODE_ENV: undefined,
      PUBLIC_URL: 'https://tilts.example.org',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SECRET: 'a-production-secret-of-some-length',
    });
    assert.equal(careless.config.development, false);
    await request(careless.app).get('/dev/mailbox').expect(404);
    await request(careless.app).get('/dev/mailbox/1/raw').expect(404);
  });

  it('is not there on localhost either once an SMTP server is set', async () => {
    const local = await makeApp({ PUBLIC_URL: 'http://localhost:3000', SMTP_URL: 'smtp://127.0.0.1:2525' });
    await request(local.app).get('/dev/mailbox').expect(404);
  });
});
