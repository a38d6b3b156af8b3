import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, postUnsignedReply, routedReport } from '../support/reports.inbound.js';

/**
 * A message its handler settled, and then something after the handler's transaction threw: the
 * message stays as it was settled, not "failed", so the scheduler does not read it again and tell
 * the social worker twice. No handler does anything after its transaction today; this keeps the
 * guard (`InboundService.failed`) true for the next one that does.
 */
describe('a message settled before its handler threw stays settled', () => {
  let context: TestContext;
  let report: Report;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('keeps its outcome, is not tried again, and tells the social worker once', async () => {
    const { services } = context;
    // The reply handler as the service holds it, made to throw once its work is committed.
    const replies = (
      services.inbound as unknown as { deps: { replies: { handle: (m: unknown) => unknown } } }
    ).deps.replies;
    const handle = replies.handle.bind(replies);
    replies.handle = async (message: unknown) => {
      await handle(message);
      throw new Error('after the commit');
    };
    const posted = await postUnsignedReply(context, {
      ref: report.ref,
      from: 'kaimins@example.org',
      to: CLERK,
      text: 'Bedre joprojām ir.',
    });
    assert.equal(posted.outcome, 'held', 'the door says what became of it');
    const [row] = (await services
      .knex('inbound_messages')
      .select('outcome', 'attempts', 'next_attempt_at')) as {
      outcome: string;
      attempts: number;
      next_attempt_at: Date | null;
    }[];
    assert.deepEqual([row!.outcome, row!.attempts, row!.next_attempt_at], ['held', 0, null]);
    replies.handle = handle;
    assert.equal(await services.inbound.retryDue(), 0, 'nothing is due again');
    const notices = await services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' });
    const socialWorkers = await services
      .knex('report_recipients')
      .where({ report_id: report.id, role: 'social_worker' });
    assert.ok(socialWorkers.length > 0);
    assert.equal(notices.length, socialWorkers.length, 'each social worker told once');
  });
});
