import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp } from '../support/app.js';
import { CLERK, postClerkReply, routedReport } from '../support/reports.inbound.js';

describe('a parish’s reply to a report its resident withdrew', () => {
  it('is kept as a note for staff, changes nothing, reaches nobody, and its sender is told so once', async () => {
    const context = await makeApp();
    const { services } = context;
    const report = await routedReport(context);
    const reporterPage = `/reports/${report.ref}?token=${services.links.reporterToken(report.ref)}`;
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const post = (text: string) => postClerkReply(context, report, text);
    const mails = async (kind: string) =>
      (await services.knex('outbox').where({ report_id: report.id, kind }).orderBy('id')) as {
        to_email: string;
        subject: string;
        text_body: string;
        headers: string | Record<string, string>;
      }[];
    const sentBefore = (await services.knex('outbox').count('* as n').first()) as { n: number | string };

    assert.equal((await post('#atvērts Bedri aizbērsim nākamnedēļ.')).outcome, 'applied');
    const stored = (await services.reportRepository.byId(report.id))!;
    assert.equal(stored.status, 'closed', 'a status word does not reopen a withdrawn report');
    assert.equal(stored.closeReason, 'withdrawn');
    const [note] = (await services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .select('is_public', 'public_text', 'internal_note', 'to_status')) as {
      is_public: boolean;
      public_text: string | null;
      internal_note: string | null;
      to_status: string | null;
    }[];
    assert.deepEqual(
      { ...note, internal_note: note?.internal_note?.includes('Bedri aizbērsim nākamnedēļ.') },
      { is_public: false, public_text: null, internal_note: true, to_status: null },
      'kept as an internal note, for staff only',
    );
    const own = (await request(context.app).get(reporterPage).expect(200)).text;
    assert.doesNotMatch(own, /aizbērsim/, 'not on the resident’s own page');

    const [answer, ...more] = await mails('reply-withdrawn');
    assert.ok(answer, 'the clerk is told');
    assert.equal(more.length, 0);
    assert.equal(answer.to_email, CLERK);
    assert.match(answer.subject, new RegExp(`${report.ref}: iedzīvotājs ziņojumu atsauca`));
    assert.match(answer.text_body, /netika publicēta un netika nosūtīta iedzīvotājam/);
    const headers = typeof answer.headers === 'string' ? JSON.parse(answer.headers) : answer.headers;
    assert.equal(headers['Auto-Submitted'], 'auto-replied');

    // A second reply is kept too, without a second answer; nobody else heard of either.
    assert.equal((await post('Un vēl viena piezīme.')).outcome, 'applied');
    assert.equal((await mails('reply-withdrawn')).length, 1);
    const sent = (await services.knex('outbox').count('* as n').first()) as { n: number | string };
    assert.equal(Number(sent.n) - Number(sentBefore.n), 1, 'only the one answer to the clerk');
  });
});
