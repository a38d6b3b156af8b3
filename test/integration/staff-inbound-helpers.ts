import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffMember } from '../../src/staff/types.js';
import { makeApp } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';
import {
  addStaff,
  KAUNATA_CLERK,
  KAUNATA_WORKER,
  NOVADS_ADMIN,
  signIn,
  type NewStaff,
  type StaffBrowser,
} from '../support/staff.js';

/** A plain reply, unsigned: no DKIM proves its sender, so it is held for staff. */
export const reply = (options: { from: string; to: string; text: string }) =>
  clerkReply({ ...options, quote: false });

/** The ids of the messages an inbound list page shows, in its order. */
export const idsIn = (html: string) =>
  [...html.matchAll(/data-qa="inbound-item" data-id="(\d+)"/g)].map((match) => Number(match[1]));

/**
 * A routed report, Kaunata's social worker and clerk, Malta's social worker and the admin signed
 * in, and the ways the tests of held mail send and read it.
 */
async function makeMailDesk() {
  const context = await makeApp();
  const report = await routedReport(context);
  const members: StaffMember[] = await Promise.all(
    [
      KAUNATA_WORKER,
      KAUNATA_CLERK,
      {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      } satisfies NewStaff,
      NOVADS_ADMIN,
    ].map((member) => addStaff(context, member)),
  );
  const browsers = await Promise.all(members.map((member) => signIn(context, member)));
  const [worker, clerk, otherWorker, admin] = browsers as [
    StaffBrowser,
    StaffBrowser,
    StaffBrowser,
    StaffBrowser,
  ];
  const post = (raw: Buffer | string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(Buffer.from(raw))
      .expect(202);
  const replyTo = (email = CLERK) => context.services.links.replyAddress(report.ref, email);
  const newest = async () =>
    ((await context.services.knex('inbound_messages').max({ id: 'id' }).first()) as { id: number }).id;
  return {
    context,
    report,
    worker,
    clerk,
    otherWorker,
    admin,
    post,
    replyTo,
    row: (id: number) => context.services.knex('inbound_messages').where({ id }).first(),
    newest,
    /** A reply from the clerk's address that no signature proves: held, and the social worker told. */
    heldReply: async (text: string): Promise<number> => {
      const res = await post(reply({ from: CLERK, to: replyTo(), text }));
      assert.equal(res.body.outcome, 'held');
      return newest();
    },
  };
}

/** A fresh app, report and staff for each test of a `describe` (call it there); each test takes what it needs from `desk()`. */
export const mailDesk = () => eachTest(makeMailDesk);
