import assert from 'node:assert/strict';
import { CLERK, addRecipient, clerkReply, routedReport } from '../support/reports.inbound.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import { webhookDoor } from './inbound-webhook-helpers.js';

describe('replies by the webhook door: what a reply says', () => {
  const webhook = webhookDoor();

  it('applies an Outlook reply in Latvian: #procesā sets in progress and publishes only the new text', async () => {
    const { context, report, post, replyTo, mails, status } = webhook();
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
    const { context, report, post, replyTo } = webhook();
    const text = '#procesā Paldies, bedri aizbērsim rīt.\nZīme paliks līdz tam.\n\nAnna';
    const res = await post(clerkReply({ from: CLERK, to: replyTo(), text, quote: false }));
    assert.equal(res.body.outcome, 'applied');
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' });
    assert.equal(update.public_text, 'Paldies, bedri aizbērsim rīt.\nZīme paliks līdz tam.');
  });

  it('publishes a reply signed with the name its From gives, too rare to be known, without it', async () => {
    const { context, report, post, replyTo } = webhook();
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
    const { context, report, post } = webhook();
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
    const { context, post } = webhook();
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
    const { context, post } = webhook();
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
    const { context, report, post, replyTo, status } = webhook();
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
    const { context, report, post, replyTo, status } = webhook();
    await addRecipient(context, report, 'viljani@example.org');
    const raw = await context.sign(rawFixture('no-message-id.eml', { to: replyTo('viljani@example.org') }));
    assert.equal((await post(raw, { signed: false })).body.outcome, 'applied');
    assert.equal((await post(raw, { signed: false })).body.outcome, 'duplicate');
    const [stored] = await context.services.knex('inbound_messages').select('dedupe_key', 'message_id');
    // Its hash, and the reply address it was delivered for (as the SMTP door keys it).
    const to = replyTo('viljani@example.org').toLowerCase();
    assert.match(stored.dedupe_key, /^sha256:[0-9a-f]{64} to /);
    assert.equal(String(stored.dedupe_key).slice('sha256:'.length + 64), ` to ${to}`);
    assert.equal(stored.message_id, null);
    assert.equal(await status(), 'acknowledged');
  });

  it('reads a Russian Thunderbird reply, an HTML-only reply and a status word in the wrong case', async () => {
    const { context, report, post, replyTo, status } = webhook();
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
    const { context, report, post, replyTo } = webhook();
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
    const { context, report, post, replyTo, page, mails } = webhook();
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
    const { context, report, post, replyTo, status } = webhook();
    assert.equal((await post(rawFixture('out-of-office.eml', { to: replyTo() }))).body.outcome, 'auto_reply');
    assert.equal(await status(), 'open');
    assert.equal(
      (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' }))
        .length,
      0,
    );
  });
});
