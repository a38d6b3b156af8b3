import assert from 'node:assert/strict';
import { CLERK, addRecipient, routedReport } from '../support/reports.inbound.js';
import { makeBounceAddress } from '../../src/mail/inbound/bounce-address.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import { webhookDoor } from './inbound-webhook-helpers.js';

describe('replies by the webhook door: delivery reports, and who sent a reply', () => {
  const webhook = webhookDoor();

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
    (await webhook().context.services.knex('contacts').whereRaw('lower(email) = ?', [CLERK]).first())
      .bouncing_since;

  it('believes no delivery report that is not about an email we sent: it is kept and changes nothing', async () => {
    const { context, post, replyTo } = webhook();
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
    const { context, post } = webhook();
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
    const { context, post, replyTo, status } = webhook();
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
    const { context, post, replyTo, mails, status } = webhook();
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
    const { context, post, replyTo } = webhook();
    await context.services
      .knex('contacts')
      .where({ code: 'novads' })
      .update({ email: 'kaimins@example.org' });
    const res = await post(rawFixture('stranger-reply.eml', { to: replyTo() }));
    assert.equal(res.body.outcome, 'applied');
  });

  it('applies nothing for a forged, truncated or other report’s reply address', async () => {
    const { context, report, post, replyTo, status } = webhook();
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
    const { context, report, post, replyTo, mails, status } = webhook();
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
    const { post, replyTo, page } = webhook();
    assert.equal((await post(rawFixture('script-in-html.eml', { to: replyTo() }))).status, 202);
    const html = await page();
    assert.doesNotMatch(html, /<script>alert|onerror=|<iframe/i);
  });
});
