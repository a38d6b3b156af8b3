import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { addStaff } from '../support/staff.js';

/*
 * The one-click links in a routing email act as the recipient they were sent to, as a reply does.
 * Once an admin changed that contact's address (the clerk left, or it was mistyped and reached a
 * stranger) or deactivated the staff account of it, a reply from it is held; its links, still in
 * that mailbox, changed the report's status as before.
 */
describe('the one-click links of an address that answers for a report no more', () => {
  let context: TestContext;
  let report: Report;

  const clerkLink = async () => {
    const recipient = (await context.services.routing.recipients(report.id)).find(
      (one) => one.email === CLERK,
    );
    assert.ok(recipient, 'the clerk was sent the report');
    return new URL(context.services.links.action(report.ref, recipient.id, 'resolved', new Date())).pathname;
  };
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;
  const refused = async (path: string) => {
    const shown = await request(context.app).get(`${path}?lang=en`).expect(410);
    assert.match(shown.text, /sent to an address that no longer answers for this report/);
    assert.doesNotMatch(shown.text, /<form/);
    const ru = await request(context.app).get(`${path}?lang=ru`).expect(410);
    assert.match(ru.text, /больше не отвечает за это сообщение/);
    await request(context.app).post(path).type('form').send({ comment: '' }).expect(410);
    assert.equal(await status(), 'open');
    assert.equal(
      await context.services
        .knex('report_updates')
        .where({ report_id: report.id, channel: 'link' })
        .count('* as n')
        .first()
        .then((row) => Number(row?.n)),
      0,
    );
  };

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('changes nothing once an admin gave the contact another address', async () => {
    const path = await clerkLink();
    await context.services
      .knex('contacts')
      .where({ code: 'kaunatas-admin' })
      .update({ email: 'jauna@example.org' });
    await refused(path);
  });

  it('changes nothing once the staff account of that address was deactivated', async () => {
    const path = await clerkLink();
    const member = await addStaff(context, {
      email: CLERK,
      role: 'parish_clerk',
      contacts: ['kaunatas-admin'],
    });
    await context.services.knex('staff_members').where({ id: member.id }).update({ active: false });
    await refused(path);
  });

  it('still works when only the address’s capital letters changed', async () => {
    const path = await clerkLink();
    await context.services
      .knex('contacts')
      .where({ code: 'kaunatas-admin' })
      .update({ email: CLERK.toUpperCase() });
    await request(context.app).post(path).type('form').send({ comment: '' }).expect(200);
    assert.equal(await status(), 'resolved');
  });
});
