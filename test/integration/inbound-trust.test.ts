import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { DEVELOPER_MACHINE, makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply as reply, routedReport } from '../support/reports.inbound.js';
import { rawFixture } from '../unit/mail/load-fixture.js';

const PHISHING = '#atrisināts Lūdzu, apstipriniet savu bankas karti: https://evil.example.net/karte';

describe('replies count only from a proven sender (INBOUND_AUTH=dkim)', () => {
  let context: TestContext;
  let report: Report;
  const post = (raw: Buffer | string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(Buffer.from(raw));
  const replyTo = (email = CLERK) => context.services.links.replyAddress(report.ref, email);
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;
  const mails = (kind: string) => context.services.knex('outbox').where({ report_id: report.id, kind });
  const page = async () =>
    (await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200)).text;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  /** Held: not public, not sent to the reporter, the social worker told, the raw message kept. */
  async function assertHeld(reason: RegExp) {
    assert.equal(await status(), 'open');
    assert.doesNotMatch(await page(), /bankas karti|evil\.example\.net/);
    assert.equal((await mails('report-update')).length, 0, 'the reporter hears nothing');
    const told = await mails('held-reply');
    assert.deepEqual(
      told.map((mail: { to_email: string }) => mail.to_email),
      ['kaunatas.socialais@example.org'],
    );
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, reason);
    assert.ok(held.raw_key, 'the message is kept for staff');
    assert.match(
      told[0].text_body,
      new RegExp(`/staff/inbound/${held.id}\\b`),
      'the notice opens it in the workspace',
    );
    // She gets it as the report's contact, not as an administrator of the portal.
    assert.match(told[0].text_body, /norādīta kā kontakts ziņojumiem par jūsu teritoriju/);
    assert.doesNotMatch(told[0].text_body, /administrators\./);
  }

  it('applies a DKIM-signed reply from the recipient the address was made for', async () => {
    const res = await post(
      await context.sign(reply({ from: CLERK, to: replyTo(), text: '#procesā Darbi sāksies pirmdien.' })),
    );
    assert.equal(res.body.outcome, 'applied');
    assert.equal(await status(), 'in_progress');
    const [row] = await context.services.knex('inbound_messages').select('sender_proof');
    assert.match(row.sender_proof, /dmarc=pass/);
  });

  it('holds the same text with a forged From: and no signature', async () => {
    const res = await post(reply({ from: CLERK, to: replyTo(), text: PHISHING }));
    assert.equal(res.body.outcome, 'held');
    await assertHeld(/^not_proven/);
  });

  it('holds a reply whose From is the clerk but which another domain signed', async () => {
    const raw = await context.sign(reply({ from: CLERK, to: replyTo(), text: PHISHING }), 'evil.example.net');
    assert.equal((await post(raw)).body.outcome, 'held');
    await assertHeld(/^not_proven: dkim=pass header\.d=evil\.example\.net/);
  });

  it('holds a reply whose signed body was changed on the way', async () => {
    const signed = (
      await context.sign(reply({ from: CLERK, to: replyTo(), text: '#procesā Darbi sāksies.' }))
    ).toString('utf8');
    const tampered = signed.replace('#procesā Darbi sāksies.', PHISHING);
    assert.equal((await post(tampered)).body.outcome, 'held');
    await assertHeld(/^not_proven/);
  });

  it("holds a proven reply from another parish's clerk, who may not answer Kaunata's reports", async () => {
    const other = (await context.services
      .knex('contacts')
      .where({ role: 'parish_admin' })
      .whereNot({ parish_code: 'kaunatas' })
      .first('email')) as { email: string };
    const raw = await context.sign(reply({ from: other.email, to: replyTo(), text: PHISHING }));
    assert.equal((await post(raw)).body.outcome, 'held');
    await assertHeld(/^not_staff/);
  });

  it("applies a proven reply from the parish's social worker through the clerk's address", async () => {
    const raw = await context.sign(
      reply({
        from: 'kaunatas.socialais@example.org',
        to: replyTo(),
        text: '#saņemts Sazināsimies ar ceļu dienestu.',
      }),
    );
    assert.equal((await post(raw)).body.outcome, 'applied');
    assert.equal(await status(), 'acknowledged');
  });

  it("holds a proven reply from the parish's clerk on a private request, which only the social worker may answer", async () => {
    const asked = await routedReport(context, {
      categoryCode: 'elderly-help',
      title: 'Vajag aizvest pie ārsta',
    });
    assert.ok(asked.isPrivate);
    const social = 'kaunatas.socialais@example.org';
    const to = context.services.links.replyAddress(asked.ref, social);
    const clerk = await post(await context.sign(reply({ from: CLERK, to, text: '#procesā Zvanīsim rīt.' })));
    assert.equal(clerk.body.outcome, 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_staff/);
    assert.equal((await context.services.reportRepository.byId(asked.id))!.status, 'open');
    const told = context.services.knex('outbox').where({ report_id: asked.id, kind: 'report-update' });
    assert.equal((await told).length, 0, 'the asker hears nothing');

    const worker = await post(
      await context.sign(reply({ from: social, to, text: '#procesā Zvanīsim rīt.' })),
    );
    assert.equal(worker.body.outcome, 'applied', 'the social worker it was sent to still may');
  });

  it('keeps a message whose DNS answer is late, and applies it when the retry finds the key', async () => {
    context.dns.failing.add('_dmarc.example.org');
    const raw = await context.sign(
      reply({ from: CLERK, to: replyTo(), text: '#procesā Darbi sāksies pirmdien.' }),
    );
    context.dns.failing.add('tilts-test._domainkey.example.org');
    assert.equal((await post(raw)).body.outcome, 'failed');
    const [waiting] = await context.services
      .knex('inbound_messages')
      .select('outcome', 'attempts', 'next_attempt_at');
    assert.equal(waiting.outcome, 'failed');
    assert.equal(waiting.attempts, 1);
    assert.ok(waiting.next_attempt_at, 'it will be tried again');
    assert.equal(await status(), 'open');
    context.dns.failing.clear();
    await context.services.knex('inbound_messages').update({ next_attempt_at: new Date(Date.now() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 1);
    assert.equal(await status(), 'in_progress');
    const [done] = await context.services.knex('inbound_messages').select('outcome', 'next_attempt_at');
    assert.deepEqual(done, { outcome: 'applied', next_attempt_at: null });
  });

  it('tells the admins when a message still fails after its last attempt, and keeps it', async () => {
    context.dns.failing.add('tilts-test._domainkey.example.org');
    context.dns.failing.add('_dmarc.example.org');
    const raw = await context.sign(reply({ from: CLERK, to: replyTo(), text: '#procesā Darbi sāksies.' }));
    context.dns.failing.add('tilts-test._domainkey.example.org');
    await post(raw);
    await context.services
      .knex('inbound_messages')
      .update({ attempts: 11, next_attempt_at: new Date(Date.now() - 1000) });
    await context.services.inbound.retryDue();
    const [row] = await context.services
      .knex('inbound_messages')
      .select('outcome', 'attempts', 'next_attempt_at', 'raw_key');
    assert.equal(row.outcome, 'failed');
    assert.equal(row.attempts, 12);
    assert.equal(row.next_attempt_at, null);
    assert.ok(row.raw_key);
    const alerts = await context.services.knex('outbox').where({ kind: 'inbound-alert' });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].to_email, 'tilts@rezeknesnovads.example.org');
  });

  it('takes no answer on a report closed long ago, and tells a proven sender so once', async () => {
    const resolve = await context.sign(
      reply({ from: CLERK, to: replyTo(), text: '#atrisināts Bedre aizbērta.' }),
    );
    assert.equal((await post(resolve)).body.outcome, 'applied');
    await context.services
      .knex('report_updates')
      .where({ report_id: report.id, to_status: 'resolved' })
      .update({ created_at: new Date(Date.now() - 61 * 24 * 3600 * 1000) });
    const late = await context.sign(reply({ from: CLERK, to: replyTo(), text: '#procesā Atkal bedre.' }));
    assert.equal((await post(late)).body.outcome, 'expired');
    const again = await context.sign(reply({ from: CLERK, to: replyTo(), text: '#procesā Un vēlreiz.' }));
    assert.equal((await post(again)).body.outcome, 'expired');
    assert.equal(await status(), 'resolved');
    const answers = await mails('reply-expired');
    assert.equal(answers.length, 1);
    assert.equal(answers[0].to_email, CLERK);
    const headers = (
      typeof answers[0].headers === 'string' ? JSON.parse(answers[0].headers) : answers[0].headers
    ) as Record<string, string>;
    assert.equal(headers['Auto-Submitted'], 'auto-replied', 'an automatic answer, never answered by robots');
    assert.match(
      answers[0].text_body,
      /kā kontakts ziņojumiem par jūsu teritoriju/,
      'staff read the staff footer',
    );
    // A resident who proves her address is told too, with the footer that fits one who wrote in.
    const resident = 'janis.iedzivotajs@example.net';
    const hers = await context.sign(reply({ from: resident, to: replyTo(), text: 'Bedre atkal ir.' }));
    assert.equal((await post(hers)).body.outcome, 'expired');
    const [toResident] = await mails('reply-expired').where({ to_email: resident });
    assert.match(
      toResident.text_body,
      /jo atbildējāt uz Rēzeknes novada iedzīvotāju atsauksmju portāla Tilts e-pastu/,
    );
    assert.doesNotMatch(toResident.text_body, /kā kontakts ziņojumiem/);
    // A forged sender gets no answer at all: that would be mail to a stranger.
    assert.equal(
      (await post(reply({ from: 'victim@example.net', to: replyTo(), text: 'x' }))).body.outcome,
      'expired',
    );
    assert.equal((await mails('reply-expired')).length, 2);
  });
});

describe('replies proven by the mail server in front (INBOUND_AUTH=header:<authserv-id>)', () => {
  let context: TestContext;
  let report: Report;
  const post = (raw: string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(Buffer.from(raw));

  beforeEach(async () => {
    context = await makeApp({ INBOUND_AUTH: 'header:mx.rezeknesnovads.example.org' });
    report = await routedReport(context);
  });

  it('applies a reply our server found DMARC-aligned', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = reply({
      from: CLERK,
      to,
      text: '#procesā Darbi sāksies.',
      headers: [
        'Authentication-Results: mx.rezeknesnovads.example.org; dmarc=pass (p=REJECT) header.from=example.org',
      ],
    });
    assert.equal((await post(raw)).body.outcome, 'applied');
  });

  it('holds a reply that only carries a forged Authentication-Results of another server', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = reply({
      from: CLERK,
      to,
      text: PHISHING,
      headers: [
        'Authentication-Results: mx.rezeknesnovads.example.org; dmarc=fail header.from=example.org',
        'Authentication-Results: mx.rezeknesnovads.example.org.evil.example.net; dmarc=pass header.from=example.org',
        'Authentication-Results: mx.google.com; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
      ],
    });
    assert.equal((await post(raw)).body.outcome, 'held');
    const forged = reply({
      from: CLERK,
      to,
      text: PHISHING,
      headers: ['Authentication-Results: mx.attacker.example.net; dmarc=pass header.from=example.org'],
    });
    assert.equal((await post(forged)).body.outcome, 'held');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });

  it('holds a reply whose From names the clerk and someone else, whatever the server found', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = reply({
      from: `${CLERK}, attacker@evil.example.net`,
      to,
      text: PHISHING,
      headers: [
        'Authentication-Results: mx.rezeknesnovads.example.org; dmarc=pass (p=REJECT) header.from=example.org',
      ],
    });
    assert.equal((await post(raw)).body.outcome, 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.equal(held.detail, 'not_proven: from.count=2');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    // The social worker reads why in her language, not the check's English.
    const [told] = await context.services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' });
    assert.match(told.text_body, /sūtītāja \(From\) galvenē ir 2 adreses, tāpēc tā nepierāda nevienu no tām/);
    assert.doesNotMatch(told.text_body, /from\.count|From names/);
  });
});

describe('a From that names more than one sender proves none, whatever INBOUND_AUTH says', () => {
  for (const auth of ['none', 'header:mx.rezeknesnovads.example.org']) {
    it(`holds several addresses in From, or two From headers (INBOUND_AUTH=${auth})`, async () => {
      const local = auth === 'none' ? DEVELOPER_MACHINE : {};
      const context = await makeApp({ ...local, INBOUND_AUTH: auth });
      const report = await routedReport(context);
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const passed =
        'Authentication-Results: mx.rezeknesnovads.example.org; dmarc=pass header.from=example.org';
      for (const raw of [
        reply({ from: `${CLERK}, attacker@evil.example.net`, to, text: PHISHING, headers: [passed] }),
        reply({ from: CLERK, to, text: PHISHING, headers: [passed, 'From: attacker@evil.example.net'] }),
      ]) {
        const res = await request(context.app)
          .post('/inbound/email')
          .set('Authorization', `Bearer ${context.config.inboundSecret}`)
          .send(Buffer.from(raw))
          .expect(202);
        assert.equal(res.body.outcome, 'held', raw.slice(0, 200));
      }
      assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
      const details = await context.services.knex('inbound_messages').orderBy('id').pluck('detail');
      assert.deepEqual(details, ['not_proven: from.count=2', 'not_proven: from.count=2']);
    });
  }
});

describe('nothing private leaves through a reply', () => {
  let context: TestContext;
  let report: Report;
  const post = async (raw: Buffer | string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .send(await context.sign(raw));
  const replyTo = () => context.services.links.replyAddress(report.ref, CLERK);
  const published = async () => {
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .orderBy('id', 'desc');
    const mails = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-update' });
    const page = (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text;
    return {
      text: update?.public_text as string,
      mails: mails
        .map((mail: { text_body: string; html_body: string }) => mail.text_body + mail.html_body)
        .join('\n'),
      page,
    };
  };

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  for (const fixture of [
    'inline-original-rfc822.eml',
    'second-text-part.eml',
    'outlook-unknown-language-header.eml',
  ]) {
    it(`publishes only the clerk's own words from ${fixture}: no signature, no quoted original, no contact`, async () => {
      assert.equal((await post(rawFixture(fixture, { to: replyTo() }))).body.outcome, 'applied');
      const { text, mails, page } = await published();
      assert.ok(text.length > 0);
      for (const surface of [text, mails, page]) {
        assert.doesNotMatch(
          surface,
          /Anna Bērziņa|Ar cieņu|janis@example\.org|29 123 456|\/actions\/|Iedzīvotājs raksta/,
          fixture,
        );
      }
    });
  }

  it('masks a phone number and an address the clerk wrote, and says so in an internal note', async () => {
    const raw = reply({
      from: CLERK,
      to: replyTo(),
      text: '#procesā Jautājumiem zvaniet 64 600 000 vai rakstiet uz celi@example.org.',
    });
    assert.equal((await post(raw)).body.outcome, 'applied');
    const { text, page } = await published();
    assert.equal(text, 'Jautājumiem zvaniet […] vai rakstiet uz […].');
    assert.doesNotMatch(page, /64 600 000|celi@example\.org/);
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.deepEqual(JSON.parse(update.internal_note), { note: 'masked', kinds: ['email', 'phone'] });
  });

  it("holds a reply that carries the reporter's own phone number or one of our action links", async () => {
    const withPhone = reply({
      from: CLERK,
      to: replyTo(),
      text: '#procesā Iedzīvotājs Jānis, tālr. 2000 0000, teica…',
    });
    assert.equal((await post(withPhone)).body.outcome, 'held');
    const link = context.services.links.action(report.ref, 1, 'resolved', new Date());
    const withLink = reply({ from: CLERK, to: replyTo(), text: `Skatīt ${link}` });
    assert.equal((await post(withLink)).body.outcome, 'held');
    const held = await context.services.knex('inbound_messages').where({ outcome: 'held' }).orderBy('id');
    assert.deepEqual(
      held.map((row: { detail: string }) => row.detail),
      ['private_details: reporter-contact', 'private_details: own-link'],
    );
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });
});
