import request from 'supertest';
import { makeApp } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';

/** A fresh app with a report routed to Kaunata's clerk, and the ways the webhook tests use it. */
async function makeDoor() {
  const context = await makeApp();
  const report = await routedReport(context);
  return {
    context,
    report,
    /** Posts a message as a provider would, DKIM-signed by the sender's domain unless told not to. */
    post: async (raw: Buffer | string, options: { secret?: string; signed?: boolean } = {}) =>
      request(context.app)
        .post('/inbound/email')
        .set('Authorization', `Bearer ${options.secret ?? context.config.inboundSecret}`)
        .set('Content-Type', 'message/rfc822')
        .send(options.signed === false ? Buffer.from(raw) : await context.sign(raw)),
    replyTo: (email = CLERK) => context.services.links.replyAddress(report.ref, email),
    page: async () => (await request(context.app).get(`/reports/${report.ref}`)).text,
    mails: (kind: string) => context.services.knex('outbox').where({ report_id: report.id, kind }),
    status: async () => (await context.services.reportRepository.byId(report.id))!.status,
  };
}

/** A fresh app and report for each test of a `describe` (call it there); each test takes what it needs from `webhook()`. */
export const webhookDoor = () => eachTest(makeDoor);
