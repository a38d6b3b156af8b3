import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';
import { confirmedFollower } from '../support/reports.js';
import { addStaff, NOVADS_ADMIN, postForm, signIn } from '../support/staff.js';

/**
 * A report's staff page lists every email written about it: to its reporter and its parish by
 * address, to its followers and alert subscribers without theirs, as no staff work needs it.
 */
describe('the emails on a report’s staff page', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  it('names the reporter and the parish, and no follower’s address or name', async () => {
    const report = await routedReport(context);
    await confirmedFollower(context.services, report, {
      email: 'kaimins@example.org',
      name: 'Kaimiņš Follower',
      language: 'en',
    });
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    await postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: 'roads',
      parish: 'maltas',
    }).expect(303);
    const sent = (await context.services
      .knex('outbox')
      .where({ report_id: report.id })
      .pluck('to_email')) as string[];
    assert.ok(sent.includes('kaimins@example.org'), 'the follower was told of the move');

    for (const lang of ['en', 'lv', 'ru'] as const) {
      const page = await admin.agent.get(`/staff/reports/${report.ref}?lang=${lang}`).expect(200);
      const list = /<table class="table" data-qa="emails">[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
      assert.match(list, /janis@example\.org/, 'the reporter’s address is listed');
      for (const to of sent.filter((address) => address !== 'kaimins@example.org'))
        assert.ok(list.includes(to), `${to} is listed`);
      assert.doesNotMatch(page.text, /kaimins@example\.org|Kaimiņš Follower/);
    }
    const en = await admin.agent.get(`/staff/reports/${report.ref}?lang=en`).expect(200);
    assert.match(en.text, /A follower or an alert’s subscriber \(their address is not shown to staff\)/);
  });
});
