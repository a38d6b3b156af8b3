import assert from 'node:assert/strict';
import request from 'supertest';
import { recordHelpDetails } from './help-requests-helpers.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn } from '../support/staff.js';

/**
 * The asker's own link to a request whose data was erased says "if you need help again, you can
 * ask anew", and then offered only "Back to all reports": the list of public problems, a dead end
 * for someone who came for help. It now leads to asking for help again, in their language.
 */
describe('the own link of an erased request for help leads to asking again', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('links to the request form in the reader’s language, not to the list of reports', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const { report, token } = await makeReport(context.services, {
      category: 'elderly-help',
      title: 'Malka ziemai',
    });
    await recordHelpDetails(worker, report.ref);
    await postForm(worker, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303);
    for (const [language, words] of [
      ['lv', 'Lūgt palīdzību vēlreiz'],
      ['en', 'Ask for help again'],
      ['ru', 'Попросить о помощи ещё раз'],
    ] as const) {
      const own = await request(context.app)
        .get(`/reports/${report.ref}?token=${token}&lang=${language}`)
        .expect(410);
      const link = /<p class="back-link"><a href="([^"]+)">([^<]+)<\/a><\/p>/.exec(own.text);
      assert.ok(link, `${language}: a way on`);
      assert.equal(link[1], language === 'lv' ? '/help/request' : `/help/request?lang=${language}`, language);
      assert.equal(link[2], words, language);
    }
  });
});
