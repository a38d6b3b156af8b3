import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_CLERK, signIn } from '../support/staff.js';

/**
 * A clerk's answer to a public report is published on its page, and must not name a reporter who
 * chose not to show their name. The routing email and the staff page say which it is, beside the
 * name, so the clerk knows before writing rather than from a refusal after.
 */
describe('staff are told whether the reporter’s name is public', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  const routingText = async (reportId: number) => {
    const rows = await context.services.knex('outbox').where({ kind: 'report-new', report_id: reportId });
    assert.ok(rows.length > 0, 'routed');
    return rows as { text_body: string; html_body: string; language: string }[];
  };

  it('says so in the routing email, in the recipient’s language, text and HTML', async () => {
    const hidden = (await makeReport(context.services, { name: 'Dace Liepa', showName: false })).report;
    const shown = (await makeReport(context.services, { name: 'Dace Liepa', showName: true })).report;
    for (const mail of await routingText(hidden.id)) {
      assert.match(
        mail.text_body,
        /Dace Liepa\n\(vārds publiski netiek rādīts: publicētajā atbildē viņu nenosauciet\)/,
      );
      assert.match(mail.html_body, /Dace Liepa<br>\(vārds publiski netiek rādīts/);
    }
    for (const mail of await routingText(shown.id)) {
      assert.match(mail.text_body, /Dace Liepa\n\(vārds redzams ziņojuma publiskajā lapā\)/);
      assert.doesNotMatch(mail.text_body, /netiek rādīts/);
    }
  });

  it('says nothing of it for a private report, which has no public page', async () => {
    const request = (await makeReport(context.services, { category: 'elderly-help', name: 'Dace Liepa' }))
      .report;
    for (const mail of await routingText(request.id)) {
      assert.doesNotMatch(mail.text_body, /vārds (redzams|publiski)/);
    }
  });

  it('says so on the staff page of the report, in lv, en and ru', async () => {
    const clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
    const hidden = (await makeReport(context.services, { name: 'Dace Liepa', showName: false })).report;
    const shown = (await makeReport(context.services, { name: 'Dace Liepa', showName: true })).report;
    const line = async (ref: string, lang: string) => {
      const page = await clerk.agent.get(`/staff/reports/${ref}?lang=${lang}`).expect(200);
      return /data-qa="reporter-name-public">([^<]+)</.exec(page.text)?.[1];
    };
    assert.equal(
      await line(hidden.ref, 'lv'),
      'Vārds publiski netiek rādīts: publicētajā atbildē viņu nenosauciet',
    );
    assert.equal(
      await line(hidden.ref, 'en'),
      'Name not shown publicly: do not name them in the published answer',
    );
    assert.equal(
      await line(hidden.ref, 'ru'),
      'Имя не показывается публично: не называйте его в опубликованном ответе',
    );
    assert.equal(await line(shown.ref, 'en'), 'Name shown on the report’s public page');
  });
});
