import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import {
  EMAIL,
  inboundRow,
  NEIGHBOUR,
  rawFile,
  untiedAnswer as answerFrom,
  WRITTEN,
  type InboundRow,
} from './erasure-inbound-helpers.js';
import { confirmedOffer } from './help-offers-helpers.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * An automatic answer tied to none of our emails (it names neither a VERP address nor a
 * Message-ID of ours) is kept as it came, with its sender: the person's address. When that person
 * asks to be forgotten, as a reporter, as the person of a request for help or as a volunteer, the
 * answer forgets them as the mail tied to their emails does; so it does when the time of a public
 * report they sent is over. Someone else's stays.
 */
describe('an erased person leaves the automatic answers tied to none of our emails', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  /** An out-of-office answer from `from`, to one of our addresses, answering nothing of ours. */
  const untiedAnswer = async (from: string, to: string): Promise<InboundRow> => {
    const row = await answerFrom(context, from, to);
    assert.equal(row.report_id, null, 'tied to no report');
    assert.equal(row.from_email, from.toLowerCase(), 'kept with its sender');
    assert.ok(row.raw_key && fs.existsSync(rawFile(context, row.raw_key)), 'and its raw message');
    return row;
  };
  const inbound = (id: number) => inboundRow(context, id);

  /** Her answer keeps no trace of her, its raw file gone; the neighbour's is as it came. */
  const forgottenButNotHis = async (hers: InboundRow, his: InboundRow) => {
    const after = await inbound(hers.id);
    assert.equal(after.outcome, 'auto_reply', 'the row stays: an answer came');
    assert.doesNotMatch(
      JSON.stringify(await context.services.knex('inbound_messages').where({ id: hers.id }).first()),
      /berzina/i,
    );
    assert.equal(after.from_email, null);
    assert.equal(after.subject, 'Prombutne: […]');
    assert.equal(after.raw_key, null);
    assert.ok(!fs.existsSync(rawFile(context, hers.raw_key!)), 'the raw answer is deleted');
    const page = await admin.agent.get(`/staff/inbound/${hers.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i, 'the staff page shows her address nowhere');
    const kept = await inbound(his.id);
    assert.equal(kept.from_email, NEIGHBOUR);
    assert.ok(kept.raw_key && fs.existsSync(rawFile(context, kept.raw_key)), 'his answer stays as it came');
  };

  it('when a reporter is erased on her request', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas', email: EMAIL });
    const hers = await untiedAnswer(WRITTEN, services.links.replyAddress(report.ref, EMAIL));
    const his = await untiedAnswer(NEIGHBOUR, services.links.replyAddress(report.ref, NEIGHBOUR));
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    await forgottenButNotHis(hers, his);
  });

  it('when the person of a request for help is erased', async () => {
    const { services } = context;
    const { report } = await makeReport(services, {
      category: 'elderly-help',
      parish: 'kaunatas',
      email: EMAIL,
      title: 'Malka ziemai',
    });
    await recordHelpDetails(admin, report.ref);
    const hers = await untiedAnswer(WRITTEN, services.links.replyAddress(report.ref, EMAIL));
    const his = await untiedAnswer(NEIGHBOUR, services.links.replyAddress(report.ref, NEIGHBOUR));
    await postForm(admin, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303);
    await forgottenButNotHis(hers, his);
  });

  it('when a volunteer is erased', async () => {
    const { services } = context;
    const { id } = await confirmedOffer(context.app, services.knex, { email: EMAIL });
    const ours = `tilts@${context.config.inboundDomain}`;
    const hers = await untiedAnswer(WRITTEN, ours);
    const his = await untiedAnswer(NEIGHBOUR, ours);
    await postForm(admin, `/staff/help/offers/${id}/erase`).expect(303);
    await forgottenButNotHis(hers, his);
  });

  it('when a public report’s time is over and its people go', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas', email: EMAIL });
    const hers = await untiedAnswer(WRITTEN, services.links.replyAddress(report.ref, EMAIL));
    const his = await untiedAnswer(NEIGHBOUR, services.links.replyAddress(report.ref, NEIGHBOUR));
    await services
      .knex('reports')
      .where({ id: report.id })
      .update({ status: 'resolved', updated_at: new Date(Date.now() - 4 * 365 * 86_400_000) });
    assert.deepEqual(await services.retention.runDue(), { reports: 1, offers: 0 });
    await forgottenButNotHis(hers, his);
  });

  it('when a follower’s address is erased (as it already did)', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    await services.subscriptions.subscribe(report.ref, { email: EMAIL, name: 'Anna', language: 'lv' });
    const hers = await untiedAnswer(WRITTEN, services.links.replyAddress(report.ref, EMAIL));
    const his = await untiedAnswer(NEIGHBOUR, services.links.replyAddress(report.ref, NEIGHBOUR));
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );
    await forgottenButNotHis(hers, his);
  });
});
