import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { clerkReply } from '../support/reports.inbound.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import {
  EMAIL,
  inboundRow,
  NEIGHBOUR,
  newestInbound,
  postInbound,
  rawFile,
  sendBySmtpDoor,
  WRITTEN,
  type InboundRow,
} from './erasure-inbound-helpers.js';
import { confirmedOffer } from './help-offers-helpers.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * A person's own message that matched no report (sent to our plain address, as a volunteer
 * answering an email about their offer does, or to an address of no report) is kept with its
 * sender, its subject and its raw copy, waiting for staff. When that person is erased, as a
 * reporter, as the person of a request for help, as a volunteer or as a follower, or when the time
 * of a public report they sent is over, the row stays for the counts but forgets them: no sender,
 * no envelope sender, no subject, no raw copy, and it no longer waits for staff. A neighbour's
 * stays as it came.
 */
describe('an erased person leaves their own mail that matched no report', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  const ours = () => `tilts@${context.config.inboundDomain}`;

  /** `from`'s message to our plain address: by the webhook, and by the SMTP door (an envelope). */
  const ownMail = async (from: string): Promise<InboundRow[]> => {
    const text = `Labdien, rakstu par savu lietu. ${from}`;
    assert.equal(
      await postInbound(context, clerkReply({ from, to: ours(), text, quote: false })),
      'unknown_address',
    );
    const byWebhook = await newestInbound(context);
    await sendBySmtpDoor(context, { from, to: ours() }, clerkReply({ from, to: ours(), text, quote: false }));
    const bySmtp = await newestInbound(context);
    for (const row of [byWebhook, bySmtp]) {
      assert.equal(row.outcome, 'unknown_address');
      assert.equal(row.report_id, null, 'tied to no report');
      assert.equal(row.from_email, from.toLowerCase(), 'kept with its sender');
      assert.ok(row.raw_key && fs.existsSync(rawFile(context, row.raw_key)), 'and its raw message');
    }
    return [byWebhook, bySmtp];
  };

  const stored = (id: number) => context.services.knex('inbound_messages').where({ id }).first();

  const forgottenButNotHis = async (hers: InboundRow[], his: InboundRow[]) => {
    for (const row of hers) {
      const after = (await stored(row.id)) as Record<string, unknown>;
      assert.doesNotMatch(JSON.stringify(after), /berzina/i, 'no trace of her in the row');
      assert.equal(after.from_email, null);
      assert.equal(after.subject, null, 'her words go');
      assert.equal(after.raw_key, null);
      assert.equal(after.outcome, 'dropped', 'the row stays, settled');
      assert.ok(after.decided_at, 'no longer waiting for staff');
      assert.ok(!fs.existsSync(rawFile(context, row.raw_key!)), 'the raw message is deleted');
      const page = await admin.agent.get(`/staff/inbound/${row.id}?lang=en`).expect(200);
      assert.doesNotMatch(page.text, /berzina/i, 'the staff page shows her address nowhere');
    }
    const list = await admin.agent.get('/staff/inbound?show=all&lang=en').expect(200);
    assert.doesNotMatch(list.text, /berzina/i, 'the staff list shows her address nowhere');
    for (const row of his) {
      const kept = await inboundRow(context, row.id);
      assert.equal(kept.from_email, NEIGHBOUR);
      assert.equal(kept.outcome, 'unknown_address');
      assert.ok(kept.raw_key && fs.existsSync(rawFile(context, kept.raw_key)), 'his stays as it came');
    }
  };

  it('when a reporter is erased on her request', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas', email: EMAIL });
    const hers = await ownMail(WRITTEN);
    const his = await ownMail(NEIGHBOUR);
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    await forgottenButNotHis(hers, his);
  });

  it('when the person of a request for help is erased', async () => {
    const { report } = await makeReport(context.services, {
      category: 'elderly-help',
      parish: 'kaunatas',
      email: EMAIL,
      title: 'Malka ziemai',
    });
    await recordHelpDetails(admin, report.ref);
    const hers = await ownMail(WRITTEN);
    const his = await ownMail(NEIGHBOUR);
    await postForm(admin, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303);
    await forgottenButNotHis(hers, his);
  });

  it('when a volunteer who answered an email about their offer is erased', async () => {
    const { id } = await confirmedOffer(context.app, context.services.knex, { email: EMAIL });
    const hers = await ownMail(WRITTEN);
    const his = await ownMail(NEIGHBOUR);
    await postForm(admin, `/staff/help/offers/${id}/erase`).expect(303);
    await forgottenButNotHis(hers, his);
  });

  it('when a follower’s address is erased', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    await context.services.subscriptions.subscribe(report.ref, {
      email: EMAIL,
      name: 'Anna',
      language: 'lv',
    });
    const hers = await ownMail(WRITTEN);
    const his = await ownMail(NEIGHBOUR);
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );
    await forgottenButNotHis(hers, his);
  });

  it('when a public report’s time is over and its reporter goes', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas', email: EMAIL });
    const hers = await ownMail(WRITTEN);
    const his = await ownMail(NEIGHBOUR);
    await services
      .knex('reports')
      .where({ id: report.id })
      .update({ status: 'resolved', updated_at: new Date(Date.now() - 4 * 365 * 86_400_000) });
    assert.deepEqual(await services.retention.runDue(), { reports: 1, offers: 0 });
    await forgottenButNotHis(hers, his);
  });
});
