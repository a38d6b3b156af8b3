import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import request from 'supertest';
import type { SmtpReceiver } from '../../src/inbound/smtp-receiver.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { OutboxWorker } from '../../src/mail/worker.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../support/smtp.js';

const SENTENCE = 'Darbi sāksies pirmdien, bedri aizbērs līdz piektdienai.';

/** What a clerk's mail client sends when they answer the report email: new text above a quote. */
function clerkReply(original: CapturedMessage, replyTo: string): string {
  const quoted = (original.parsed.text ?? '')
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\r\n');
  return [
    `From: Kaunatas pagasta pārvalde <${CLERK}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${original.parsed.subject ?? ''}`,
    `Message-ID: <reply-${Date.now()}-${Math.random()}@example.org>`,
    `In-Reply-To: ${original.parsed.messageId ?? ''}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '#procesā',
    SENTENCE,
    '',
    'pirmdien, 2026. gada 23. novembrī Tilts rakstīja:',
    quoted,
    '',
  ].join('\r\n');
}

describe('the parish answers by email (the whole loop over real SMTP)', function () {
  this.timeout(60_000);
  let capture: SmtpCapture;
  let context: TestContext;
  let worker: OutboxWorker;
  let receiver: SmtpReceiver;
  let inboundPort: number;
  let report: Report;

  beforeEach(async () => {
    capture = await startSmtpCapture();
    context = await makeApp({ SMTP_URL: capture.url });
    worker = new OutboxWorker({
      knex: context.services.knex,
      transport: createMailTransport(context.config),
      logger: pino({ level: 'silent' }),
    });
    ({ port: inboundPort, receiver } = await startSmtpDoor(context));
    report = await routedReport(context);
    await worker.runOnce();
  });
  afterEach(async () => {
    await worker.stop();
    await receiver.stop();
    await capture.close();
  });

  /** The report email the clerk received, with its signed Reply-To. */
  async function clerkCopy(): Promise<{ message: CapturedMessage; replyTo: string }> {
    const [message] = await capture.waitFor((all) => all.some((m) => m.envelope.rcptTo.includes(CLERK)));
    const found = capture.messages.find((m) => m.envelope.rcptTo.includes(CLERK)) ?? message!;
    const replyTo = found.parsed.replyTo?.value[0]?.address;
    assert.ok(replyTo, 'the report email carries a Reply-To');
    assert.match(replyTo, new RegExp(`^r-${report.ref.toLowerCase()}-[a-z2-7]{16}@`));
    return { message: found, replyTo };
  }

  async function assertPublishedAndReporterTold() {
    const page = await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(200);
    assert.ok(page.text.includes(SENTENCE), 'the page shows the sentence');
    assert.ok(!page.text.includes('Tilts rakstīja'), 'the quote header is gone');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
    await worker.runOnce();
    const [toReporter] = await capture.waitFor((all) =>
      all.some(
        (m) => m.envelope.rcptTo.includes('janis@example.org') && (m.parsed.text ?? '').includes(SENTENCE),
      ),
    );
    assert.ok(toReporter);
    const mail = capture.messages.find(
      (m) => (m.parsed.text ?? '').includes(SENTENCE) && m.envelope.rcptTo.includes('janis@example.org'),
    )!;
    assert.match(mail.raw, /^List-Unsubscribe:\s+<http[^>]+\/unsubscribe\/r\d+\/[\w-]+\?lang=en>/m);
    assert.match(mail.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  }

  it('a reply with #procesā and a quote, sent through SMTP, shows the sentence, sets in progress, and reaches the reporter', async () => {
    const { message, replyTo } = await clerkCopy();
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true })
      .sendMail({
        envelope: { from: CLERK, to: [replyTo] },
        raw: await context.sign(clerkReply(message, replyTo)),
      });
    await assertPublishedAndReporterTold();
  });

  it('the same reply through POST /inbound/email does the same', async () => {
    const { message, replyTo } = await clerkCopy();
    await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(await context.sign(clerkReply(message, replyTo)))
      .expect(202);
    await assertPublishedAndReporterTold();
  });

  it('a one-click link in the email shows a confirm page, and only its POST changes the status, once', async () => {
    const { message } = await clerkCopy();
    const link = /https?:\/\/\S+\/actions\/[\w.-]+/.exec(message.parsed.text ?? '')?.[0];
    assert.ok(link, 'the email carries action links');
    const path = new URL(link).pathname;
    const acknowledge = (message.parsed.text ?? '')
      .match(/https?:\/\/\S+\/actions\/[\w.-]+/g)!
      .map((url) => new URL(url).pathname);
    const get = await request(context.app).get(path).expect(200);
    assert.match(get.text, /<form method="post"/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    await request(context.app)
      .post(acknowledge[0]!)
      .type('form')
      .send({ comment: 'Saņemts, paldies.' })
      .expect(200);
    const after = (await context.services.reportRepository.byId(report.id))!.status;
    assert.notEqual(after, 'open');
    const again = await request(context.app)
      .post(acknowledge[0]!)
      .type('form')
      .send({ comment: 'Vēlreiz' })
      .expect(200);
    assert.match(again.text, /data-qa="action-done"/);
    const rows = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'link' });
    assert.equal(rows.length, 1);
  });
  /** A reply as a clerk's mail client writes it: `parts` is the MIME body after the headers. */
  function clerkMime(original: CapturedMessage, replyTo: string, contentType: string, body: string): string {
    return [
      `From: Kaunatas pagasta pārvalde <${CLERK}>`,
      `To: ${replyTo}`,
      `Subject: RE: ${original.parsed.subject ?? ''}`,
      `Message-ID: <reply-${Date.now()}-${Math.random()}@example.org>`,
      `In-Reply-To: ${original.parsed.messageId ?? ''}`,
      'MIME-Version: 1.0',
      `Content-Type: ${contentType}`,
      '',
      body,
      '',
    ].join('\r\n');
  }

  const base64 = (text: string) =>
    Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');

  it('publishes neither the signature and notices of a council nor a Russian Gmail quote header, from text or HTML', async () => {
    const { message, replyTo } = await clerkCopy();
    const quote = (message.parsed.text ?? '').replace(/^/gm, '> ');
    const text = [
      `#procesā ${SENTENCE}`,
      '',
      'Ar sveicienu,',
      'Anna Bērziņa',
      'Kaunatas pagasta pārvaldes vadītāja',
      'Kaunatas pagasta pārvalde',
      'Rēzeknes novada pašvaldība',
      'Tālr. 64612345',
      '',
      'Šis e-pasts un tā pielikumi var saturēt konfidenciālu informāciju.',
      '',
      'вс, 6 дек. 2026 г. в 10:55, Tilts — Rēzeknes novada pašvaldība <',
      'tilts@rezeknesnovads.example.org>:',
      '',
      quote,
    ].join('\n');
    // The HTML-only copy says it otherwise: the same words twice would be one reply sent twice,
    // which is published once (inbound-repeated-reply.test.ts).
    const AGAIN = 'Pirmdien sāksim darbus.';
    const htmlOf = (said: string) =>
      `<div>#procesā ${said}</div><table><tr><td><b>Anna Bērziņa</b><br>Vadītāja</td>` +
      '<td>T: +371 64612345<br>E: anna.berzina@rezeknesnovads.example.org</td></tr></table>' +
      '<p>Pirms izdrukāt šo e-pastu, padomājiet par vidi!</p>' +
      `<div class="gmail_quote"><blockquote>${message.parsed.html || ''}</blockquote></div>`;
    const html = htmlOf(SENTENCE);
    const boundary = 'b-council-signature';
    const body = [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64(text),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64(html),
      `--${boundary}--`,
    ].join('\r\n');
    const send = async (raw: string) =>
      nodemailer
        .createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true })
        .sendMail({ envelope: { from: CLERK, to: [replyTo] }, raw: await context.sign(raw) });
    await send(clerkMime(message, replyTo, `multipart/alternative; boundary="${boundary}"`, body));
    await send(
      clerkMime(
        message,
        replyTo,
        'text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64',
        base64(htmlOf(AGAIN)),
      ),
    );
    await assertPublishedAndReporterTold();
    const page = await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(200);
    const updates = await context.services
      .knex('report_updates')
      .where({ report_id: report.id })
      .whereNotNull('public_text');
    assert.deepEqual(
      updates.map((update: { public_text: string }) => update.public_text),
      [SENTENCE, AGAIN],
    );
    await worker.runOnce();
    const told = capture.messages.filter((m) => m.envelope.rcptTo.includes('janis@example.org'));
    for (const leak of [
      'Bērziņa',
      'Ar sveicienu',
      'vadītāja',
      'konfidenciālu',
      'padomājiet',
      'Tilts — Rēzeknes',
      '64612345',
      '[…]',
    ]) {
      assert.equal(page.text.includes(leak), false, `the page shows ${leak}`);
      for (const mail of told)
        assert.equal((mail.parsed.text ?? '').includes(leak), false, `an email shows ${leak}`);
    }
  });
});
