import assert from 'node:assert/strict';
import { PublicAnswerProblem } from '../../src/reports/public-answer.js';
import type { Recipient, Report } from '../../src/reports/types.js';
import type { RecipientUpdate } from '../../src/timeline/service.js';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';

/**
 * The rule on public answers is kept where every one is written, not by each page that takes one:
 * a path that never checked (here, the write called directly, as a new path would) is refused all
 * the same, and nothing of the update is written or sent.
 */
describe('writing a recipient’s update: a typed public answer with a sign-off or a contact is refused', () => {
  let context: TestContext;
  let report: Report;
  let office: Recipient;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
    const [recipient] = await context.services.routing.recipients(report.id);
    assert.ok(recipient);
    office = recipient;
  });

  const write = (change: Omit<RecipientUpdate, 'recipient'>) =>
    context.services.knex.transaction((trx) =>
      context.services.reportUpdates.recordRecipientUpdate(trx, report.id, { recipient: office, ...change }),
    );

  /** What a write may have left behind: timeline rows, emails, and the report's status. */
  const traces = async () => ({
    updates: ((await context.services.knex('report_updates').where({ report_id: report.id })) as unknown[])
      .length,
    emails: ((await context.services.knex('outbox').where({ report_id: report.id })) as unknown[]).length,
    status: (await context.services.reportRepository.byId(report.id))!.status,
  });

  it('refuses a sign-off, a phone number or an address in words that were never checked', async () => {
    const before = await traces();
    for (const [publicText, code] of [
      ['Bedre aizlāpīta.\n\nAr cieņu,\nAnna Bērziņa\ntālr. 64600000', 'answerSignature'],
      ['Zvaniet 29 12 34 56 darba laikā.', 'answerPhone'],
      ['Rakstiet anna at example dot org.', 'answerEmail'],
    ] as const) {
      await assert.rejects(
        write({ channel: 'phone', toStatus: 'resolved', publicText }),
        (error: unknown) => error instanceof PublicAnswerProblem && error.code === code,
        publicText,
      );
    }
    assert.deepEqual(await traces(), before, 'nothing is written or sent');
  });

  it('writes the same words on a private report, and a reply the mail path already masked', async () => {
    await write({ channel: 'link', toStatus: 'acknowledged', publicText: 'Darbi sāksies pirmdien.' });
    const masked = 'Darbi sāksies pirmdien. Zvaniet [...]\n\nAr cieņu,\nAnna';
    await write({ channel: 'email', publicText: masked, publicTextFrom: 'maskedReply' });
    await context.services.knex('reports').where({ id: report.id }).update({ is_private: true });
    await write({ channel: 'web', publicText: 'Zvaniet man 64600000.' });
    const texts = (await context.services
      .knex('report_updates')
      .where({ report_id: report.id })
      .whereNotNull('public_text')
      .orderBy('id')
      .pluck('public_text')) as string[];
    assert.deepEqual(texts.slice(-3), ['Darbi sāksies pirmdien.', masked, 'Zvaniet man 64600000.']);
    assert.equal((await traces()).status, 'acknowledged');
  });
});
