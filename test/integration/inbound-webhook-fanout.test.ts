import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';

/*
 * The webhook door has no SMTP envelope: a message posted there is delivered for each reply address
 * its headers name, as the SMTP door delivers for each one RCPT TO names. The provider's envelope,
 * when it writes one (Delivered-To, X-Original-To), decides alone; else each reply address in To
 * and Cc. Each delivery is its own copy, checked on its own, and counted once however often the
 * provider posts it.
 */
describe('the reports a message posted to the webhook goes to: the reply addresses its headers name', function () {
  this.timeout(60_000);
  let context: TestContext;
  let first: Report;
  let second: Report;

  const post = async (raw: Buffer) =>
    (
      await request(context.app)
        .post('/inbound/email')
        .set('Authorization', `Bearer ${context.config.inboundSecret}`)
        .set('Content-Type', 'message/rfc822')
        .send(raw)
        .expect(202)
    ).body as { outcome: string; reportRef?: string; deliveries?: { outcome: string; reportRef?: string }[] };
  const status = async (report: Report) => (await context.services.reportRepository.byId(report.id))!.status;
  const address = (report: Report, recipient = CLERK) =>
    context.services.links.replyAddress(report.ref, recipient);
  const updates = async (report: Report) =>
    (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' })).length;
  const residentEmails = async (report: Report) =>
    (await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-update' })).length;
  const rows = () =>
    context.services.knex('inbound_messages').orderBy('id').select('outcome', 'report_id', 'detail');
  /** Signed by the clerk's domain; `on top` are headers a provider adds after (Delivered-To). */
  const signed = async (
    headers: { to: string; cc?: string },
    text = '#atrisināts Bedre aizbērta.',
    onTop: string[] = [],
  ) => {
    const raw = await context.sign(
      clerkReply({ from: CLERK, to: headers.to, text, headers: headers.cc ? [`Cc: ${headers.cc}`] : [] }),
    );
    return Buffer.concat([Buffer.from(onTop.map((line) => `${line}\r\n`).join('')), raw]);
  };

  beforeEach(async () => {
    context = await makeApp();
    first = await routedReport(context);
    second = await routedReport(context, { title: 'Nokritis koks' });
  });

  it('applies one message whose To and Cc name two reports’ addresses to both, once however often it is posted', async () => {
    const raw = await signed({ to: address(first), cc: address(second) });
    const answer = await post(raw);
    assert.equal(answer.outcome, 'applied');
    assert.deepEqual(answer.deliveries, [
      { outcome: 'applied', reportRef: first.ref },
      { outcome: 'applied', reportRef: second.ref },
    ]);
    assert.equal(await status(first), 'resolved');
    assert.equal(await status(second), 'resolved');
    assert.deepEqual(
      (await rows()).map((row) => [row.outcome, row.report_id]),
      [
        ['applied', first.id],
        ['applied', second.id],
      ],
    );
    // Each its own copy of the raw message.
    const keys = await context.services.knex('inbound_messages').orderBy('id').pluck('raw_key');
    assert.equal(new Set(keys).size, 2);
    // The provider posts it again (our answer was lost): counted once for each.
    assert.equal((await post(raw)).outcome, 'duplicate');
    for (const report of [first, second]) {
      assert.equal(await updates(report), 1);
      assert.equal(await residentEmails(report), 1);
    }
    assert.equal((await rows()).length, 2);
  });

  it('checks for each report on its own whether the sender speaks for it', async () => {
    const elsewhere = await routedReport(context, { parishCode: 'maltas', title: 'Salauzts sols' });
    const [maltas] = await context.services.knex('report_recipients').where({ report_id: elsewhere.id });
    assert.ok(maltas && maltas.email !== CLERK);
    await post(await signed({ to: `${address(first)}, ${address(elsewhere, maltas.email)}` }));
    assert.equal(await status(first), 'resolved');
    assert.equal(await status(elsewhere), 'open');
    const outcomes = await rows();
    assert.deepEqual(
      outcomes.map((row) => [row.outcome, row.report_id]),
      [
        ['applied', first.id],
        ['held', elsewhere.id],
      ],
    );
    assert.match(outcomes[1].detail, /^not_staff/);
  });

  it('goes where the provider’s Delivered-To says, as an envelope, and holds it there when To names another', async () => {
    // A clerk's signed reply to the first report, delivered for the second: its signature proves
    // nothing of the second. Held there; the first, which To names, is not touched.
    const answer = await post(
      await signed({ to: address(first) }, '#procesā Rīt.', [`Delivered-To: ${address(second)}`]),
    );
    assert.equal(answer.outcome, 'held');
    assert.equal(answer.deliveries, undefined);
    assert.equal(await status(first), 'open');
    assert.equal(await status(second), 'open');
    const outcomes = await rows();
    assert.deepEqual(
      outcomes.map((row) => [row.outcome, row.report_id, row.detail]),
      [['held', second.id, 'not_proven: to=unaddressed']],
    );
  });

  it('counts each copy a provider posts once per recipient, with its own Delivered-To, once', async () => {
    const raw = await signed({ to: `${address(first)}, ${address(second)}` }, 'Darbi sāksies pirmdien.');
    const copy = (to: string) => Buffer.concat([Buffer.from(`X-Original-To: ${to}\r\n`), raw]);
    assert.deepEqual(await post(copy(address(first))), { outcome: 'applied', reportRef: first.ref });
    assert.deepEqual(await post(copy(address(second))), { outcome: 'applied', reportRef: second.ref });
    // And the whole message again, as another provider would post it: both deliveries are known.
    assert.equal((await post(raw)).outcome, 'duplicate');
    for (const report of [first, second]) {
      assert.equal(await updates(report), 1);
      assert.equal(await residentEmails(report), 1);
    }
  });

  it('reads a message that names no reply address as it is', async () => {
    const answer = await post(await signed({ to: 'kads@example.org' }, 'Sveiki.'));
    assert.equal(answer.outcome, 'unknown_address');
    assert.deepEqual(
      (await rows()).map((row) => row.outcome),
      ['unknown_address'],
    );
  });
});
