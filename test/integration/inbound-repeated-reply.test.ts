import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { postClerkReply, routedReport } from '../support/reports.inbound.js';

describe('the same reply by email sent twice (the mail client seemed stuck, "did it go?")', () => {
  let context: TestContext;
  let report: Report;
  let now: Date;
  const updates = async () =>
    (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' })).length;
  const residentEmails = async () =>
    (await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-update' })).length;

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    report = await routedReport(context);
  });

  it('is published and emailed to the resident once', async () => {
    await postClerkReply(context, report, '#procesā Darbi sāksies pirmdien.');
    now = new Date(now.getTime() + 2 * 60 * 1000);
    const again = await postClerkReply(context, report, '#procesā Darbi sāksies pirmdien.');
    assert.equal(again.outcome, 'applied');
    assert.equal(await updates(), 1);
    assert.equal(await residentEmails(), 1);
    const [second] = await context.services
      .knex('inbound_messages')
      .orderBy('id', 'desc')
      .limit(1)
      .select('outcome', 'detail');
    assert.deepEqual(second, { outcome: 'applied', detail: 'repeated' });
  });

  it('is published again with other words, or after ten minutes', async () => {
    await postClerkReply(context, report, 'Darbi sāksies pirmdien.');
    await postClerkReply(context, report, 'Darbi sāksies otrdien.');
    now = new Date(now.getTime() + 11 * 60 * 1000);
    await postClerkReply(context, report, 'Darbi sāksies otrdien.');
    assert.equal(await updates(), 3);
    assert.equal(await residentEmails(), 3);
  });
});
