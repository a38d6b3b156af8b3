import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postUnsignedReply } from '../support/reports.inbound.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { EMAIL, newestInbound, rawFile, WRITTEN, type InboundRow } from './erasure-inbound-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/**
 * A reporter's reply that Tilts held for staff (its sender unproven) waits with her address in its
 * note and its raw copy. Once she is erased it can no longer be published in her name: it is
 * settled (dropped, decided when she was erased), leaves the staff's waiting list, loses its raw
 * copy, and its note keeps MASK for her address. Alike when a public report's time is over.
 */
describe('an erased reporter leaves no held reply waiting with her address', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  /** Her reply to her report's email, held for staff. */
  const heldFromHer = async (ref: string): Promise<InboundRow> => {
    const { outcome } = await postUnsignedReply(context, { ref, from: WRITTEN, to: EMAIL, text: 'Paldies!' });
    assert.equal(outcome, 'held');
    const row = await newestInbound(context);
    assert.ok(row.raw_key && fs.existsSync(rawFile(context, row.raw_key)), 'kept with its raw message');
    const waiting = await admin.agent.get('/staff/inbound?lang=en').expect(200);
    assert.match(waiting.text, new RegExp(`/staff/inbound/${row.id}\\b`), 'waiting for staff');
    const page = await admin.agent.get(`/staff/inbound/${row.id}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="publish-form"/, 'to publish');
    return row;
  };

  const settledWithoutHer = async (held: InboundRow) => {
    const after = (await context.services.knex('inbound_messages').where({ id: held.id }).first()) as Record<
      string,
      unknown
    >;
    assert.doesNotMatch(JSON.stringify(after), /berzina/i, 'no trace of her in the row');
    assert.equal(after.outcome, 'dropped');
    assert.ok(after.decided_at, 'settled');
    assert.equal(after.raw_key, null);
    assert.ok(!fs.existsSync(rawFile(context, held.raw_key!)), 'the raw reply is deleted');
    const waiting = await admin.agent.get('/staff/inbound?lang=en').expect(200);
    assert.doesNotMatch(waiting.text, new RegExp(`/staff/inbound/${held.id}\\b`), 'no longer waiting');
    const page = await admin.agent.get(`/staff/inbound/${held.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i, 'the staff page shows her address nowhere');
    assert.doesNotMatch(page.text, /data-qa="publish-form"/, 'nothing to publish');
    assert.match(page.text, /Its sender was erased, so it can no longer be published in their name/);
    assert.match(page.text, /settled when its sender was erased/);
    const all = await admin.agent.get('/staff/inbound?show=all&lang=en').expect(200);
    assert.match(all.text, /settled when its sender was erased/, 'the list says why it is settled');
  };

  it('when the reporter is erased on her request', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas', email: EMAIL });
    const held = await heldFromHer(report.ref);
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    await settledWithoutHer(held);
  });

  it('when a public report’s time is over and its reporter goes', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas', email: EMAIL });
    const held = await heldFromHer(report.ref);
    await services
      .knex('reports')
      .where({ id: report.id })
      .update({ status: 'resolved', updated_at: new Date(Date.now() - 4 * 365 * 86_400_000) });
    assert.deepEqual(await services.retention.runDue(), { reports: 1, offers: 0 });
    await settledWithoutHer(held);
  });
});
