import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { clerkReply, postUnsignedReply } from '../support/reports.inbound.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import fs from 'node:fs';
import {
  EMAIL,
  NEIGHBOUR,
  newestInbound,
  rawFile,
  sendBySmtpDoor,
  WRITTEN,
} from './erasure-inbound-helpers.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * A person writes back to the emails about their report or request for help, or about a report
 * they follow; when they are erased, the mail tied to it forgets who sent it: its From and the
 * envelope sender the SMTP door saw, alike for a reporter, for the person of a request and for a
 * follower (whose erasure leaves the report's reporter's own mail as it came).
 */
describe('an erased person leaves no sender in the replies tied to their report or request', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  /**
   * Her replies to `ref`'s email to her: one by the webhook, one by the SMTP door (an envelope).
   * Answers their ids.
   */
  const herReplies = async (ref: string): Promise<number[]> => {
    const { services } = context;
    const to = services.links.replyAddress(ref, EMAIL);
    await postUnsignedReply(context, { ref, from: WRITTEN, to: EMAIL, text: 'Paldies!' });
    const byWebhook = await newestInbound(context);
    await sendBySmtpDoor(
      context,
      { from: WRITTEN, to },
      clerkReply({ from: WRITTEN, to, text: 'Vēl nav izdarīts.' }),
    );
    return [byWebhook.id, (await newestInbound(context)).id];
  };

  const rows = (ids: number[]) => context.services.knex('inbound_messages').whereIn('id', ids).orderBy('id');

  /** Her mail (`ids`) tied to report `id` was sent by her before the erasure, and by nobody known after it. */
  const sendersForgotten = async (id: number, ids: number[], erase: () => Promise<unknown>) => {
    const before = await rows(ids);
    assert.deepEqual(
      before.map((row) => row.report_id),
      [id, id],
      'both replies are tied to it',
    );
    assert.deepEqual(
      before.map((row) => row.from_email),
      [EMAIL, EMAIL],
    );
    assert.equal(before.filter((row) => /berzina/i.test(JSON.stringify(row.envelope))).length, 1);
    await erase();
    const after = await rows(ids);
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
    const ids = await herReplies(report.ref);
    await sendersForgotten(report.id, ids, () =>
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
    const ids = await herReplies(report.ref);
    await sendersForgotten(report.id, ids, () =>
      postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(303),
    );
  });

  it('a follower of another’s report: From, envelope sender and raw copy go, the reporter’s stay', async () => {
    const { services } = context;
    const { knex } = services;
    const { report } = await makeReport(services, { parish: 'kaunatas', email: NEIGHBOUR });
    await services.subscriptions.subscribe(report.ref, { email: WRITTEN, name: 'Anna', language: 'lv' });
    const ids = await herReplies(report.ref);
    const rawKeys = (await rows(ids).pluck('raw_key')) as string[];
    assert.ok(
      rawKeys.every((key) => key && fs.existsSync(rawFile(context, key))),
      'kept with raw copies',
    );
    await postUnsignedReply(context, { ref: report.ref, from: NEIGHBOUR, to: NEIGHBOUR, text: 'Vēl nav.' });
    const his = await newestInbound(context);
    const hisBefore = (await knex('inbound_messages').where({ id: his.id }).first()) as Record<
      string,
      unknown
    >;
    assert.equal(hisBefore.from_email, NEIGHBOUR);

    const asked = await postForm(admin, '/staff/admin/erase-subscriber?lang=en', { email: EMAIL }).expect(
      200,
    );
    assert.match(
      asked.text,
      /a reply about a report they follow, mail that matched no report\) keep no sender/,
    );
    await sendersForgotten(report.id, ids, () =>
      postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(303),
    );
    const after = await rows(ids);
    assert.deepEqual(
      after.map((row) => row.raw_key),
      [null, null],
      'no raw copy',
    );
    for (const key of rawKeys) assert.ok(!fs.existsSync(rawFile(context, key)), 'the raw reply is deleted');
    for (const row of after)
      assert.doesNotMatch(JSON.stringify(row), /berzina/i, 'no trace of her in the row');
    assert.deepEqual(
      after.map((row) => row.outcome),
      ['dropped', 'dropped'],
      'held for staff, now settled: never published in a name that is gone',
    );
    assert.deepEqual(
      await knex('inbound_messages').where({ id: his.id }).first(),
      hisBefore,
      'the reporter’s own reply stays as it came',
    );
    assert.ok(hisBefore.raw_key && fs.existsSync(rawFile(context, hisBefore.raw_key as string)));
  });
});
