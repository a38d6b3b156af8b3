import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { clerkReply, postUnsignedReply } from '../support/reports.inbound.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { EMAIL, sendBySmtpDoor, WRITTEN } from './erasure-inbound-helpers.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * A person writes back to the emails about their report or request for help; when they are
 * erased, the mail tied to it forgets who sent it: its From and the envelope sender the SMTP door
 * saw, alike for a reporter and for the person of a request.
 */
describe('an erased person leaves no sender in the replies tied to their report or request', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  /** Her replies to `ref`'s email to her: one by the webhook, one by the SMTP door (an envelope). */
  const herReplies = async (ref: string) => {
    const { services } = context;
    const to = services.links.replyAddress(ref, EMAIL);
    await postUnsignedReply(context, { ref, from: WRITTEN, to: EMAIL, text: 'Paldies!' });
    await sendBySmtpDoor(
      context,
      { from: WRITTEN, to },
      clerkReply({ from: WRITTEN, to, text: 'Vēl nav izdarīts.' }),
    );
  };

  const rows = (id: number) =>
    context.services.knex('inbound_messages').where({ report_id: id }).orderBy('id');

  /** The mail tied to report `id` was sent by her before the erasure, and by nobody known after it. */
  const sendersForgotten = async (id: number, erase: () => Promise<unknown>) => {
    const before = await rows(id);
    assert.equal(before.length, 2, 'both replies are tied to it');
    assert.deepEqual(
      before.map((row) => row.from_email),
      [EMAIL, EMAIL],
    );
    assert.equal(before.filter((row) => /berzina/i.test(JSON.stringify(row.envelope))).length, 1);
    await erase();
    const after = await rows(id);
    assert.deepEqual(
      after.map((row) => row.from_email),
      [null, null],
    );
    for (const row of after)
      assert.doesNotMatch(JSON.stringify(row.envelope), /berzina/i, 'no envelope sender');
    const page = await admin.agent.get('/staff/inbound?show=all&lang=en').expect(200);
    assert.doesNotMatch(page.text, /berzina/i, 'the staff list shows her address nowhere');
  };

  it('the person of a request for help: From, envelope sender and raw copy go', async () => {
    const { report } = await makeReport(context.services, {
      category: 'elderly-help',
      parish: 'kaunatas',
      email: EMAIL,
      title: 'Malka ziemai',
    });
    await recordHelpDetails(admin, report.ref);
    await herReplies(report.ref);
    await sendersForgotten(report.id, () =>
      postForm(admin, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303),
    );
    const raw = await context.services
      .knex('inbound_messages')
      .where({ report_id: report.id })
      .pluck('raw_key');
    assert.deepEqual(raw, [null, null], 'no raw copy');
  });

  it('a public report’s reporter: From and envelope sender go', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas', email: EMAIL });
    await herReplies(report.ref);
    await sendersForgotten(report.id, () =>
      postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(303),
    );
  });
});
