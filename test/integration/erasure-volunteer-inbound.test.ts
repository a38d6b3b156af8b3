import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postUnsignedReply } from '../support/reports.inbound.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { EMAIL, NEIGHBOUR, newestInbound, rawFile, WRITTEN } from './erasure-inbound-helpers.js';
import { confirmedOffer } from './help-offers-helpers.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * The social worker passes a request's email on to a volunteer, who answers it: the answer goes to
 * the reply address made for the social worker, so it is kept tied to the request and held for
 * staff (its sender is not the request's recipient), with the volunteer's address and raw copy. When the volunteer is erased,
 * that answer forgets them and no longer waits for staff; the request person's own reply to the
 * same request stays theirs.
 */
describe('an erased volunteer leaves no address on their answers tied to a request', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  it('forgets the volunteer, not the request’s person', async () => {
    const { services } = context;
    const { id } = await confirmedOffer(context.app, services.knex, { email: EMAIL });
    const { report } = await makeReport(services, {
      category: 'elderly-help',
      parish: 'kaunatas',
      email: NEIGHBOUR,
      title: 'Malka ziemai',
    });
    await recordHelpDetails(admin, report.ref);
    const [worker] = await services.routing.recipients(report.id);
    assert.ok(worker, 'the request reaches someone');
    const answer = await postUnsignedReply(context, {
      ref: report.ref,
      from: WRITTEN,
      to: worker.email,
      text: 'Varu atvest malku sestdien.',
    });
    assert.equal(answer.outcome, 'held', 'not from a recipient: held for staff');
    const hers = await newestInbound(context);
    assert.equal(hers.report_id, report.id, 'tied to the request');
    assert.equal(hers.from_email, EMAIL);
    assert.ok(hers.raw_key && fs.existsSync(rawFile(context, hers.raw_key)));
    await postUnsignedReply(context, { ref: report.ref, from: NEIGHBOUR, to: NEIGHBOUR, text: 'Paldies!' });
    const his = await newestInbound(context);
    assert.equal(his.from_email, NEIGHBOUR);

    await postForm(admin, `/staff/help/offers/${id}/erase`).expect(303);

    const after = (await services.knex('inbound_messages').where({ id: hers.id }).first()) as Record<
      string,
      unknown
    >;
    assert.doesNotMatch(JSON.stringify(after), /berzina/i, 'no trace of the volunteer in the row');
    assert.equal(after.report_id, report.id, 'still about the request');
    assert.equal(after.raw_key, null);
    assert.ok(!fs.existsSync(rawFile(context, hers.raw_key!)), 'the raw answer is deleted');
    assert.equal(after.outcome, 'dropped', 'no longer waiting for staff');
    const page = await admin.agent.get(`/staff/inbound/${hers.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i);
    const kept = (await services.knex('inbound_messages').where({ id: his.id }).first()) as Record<
      string,
      unknown
    >;
    assert.equal(kept.from_email, NEIGHBOUR, 'the request person’s reply stays theirs');
    assert.ok(kept.raw_key, 'with its raw copy');
  });
});
