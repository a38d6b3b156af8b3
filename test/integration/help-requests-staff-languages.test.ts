import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/**
 * The languages of the person a report made a request for help is for. As the public form, the
 * staff one ticks none at first: without JavaScript a tick for the reporter's language stays when
 * "someone else" is chosen, and a client's languages would be said to be the reporter's. For the
 * one who reported it with none ticked, theirs is the language they reported in.
 */
describe('making a report a request for help: the person’s languages', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let report: Report;
  const speaks = async () =>
    (
      (await context.services.knex('help_requests').where({ report_id: report.id }).first('speaks')) as {
        speaks: string;
      }
    ).speaks;
  const make = (fields: Record<string, string | string[]>) =>
    postForm(worker, `/staff/help/requests/${report.ref}/new`, {
      kinds: ['household'],
      wants: 'volunteer',
      days: ['sat'],
      ...fields,
    }).expect(303);

  beforeEach(async () => {
    context = await makeApp();
    worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
    ({ report } = await makeReport(context.services, { category: 'social-other', language: 'ru' }));
  });

  it('ticks no language at first, not even the reporter’s, and says what ticking none means', async () => {
    const form = await worker.agent.get(`/staff/help/requests/${report.ref}/new?lang=lv`).expect(200);
    assert.doesNotMatch(form.text, /name="speaks" value="[a-z]+" checked/);
    assert.match(
      form.text,
      /Ja palīdzība vajadzīga ziņotājam un neatzīmējat nevienu, ņemam valodu, kurā viņš ziņoja/,
    );
    const en = await worker.agent.get(`/staff/help/requests/${report.ref}/new?lang=en`).expect(200);
    assert.match(
      en.text,
      /If it is for the one who reported it and you tick none, we take the language they reported in/,
    );
  });

  it('takes the language the reporter reported in when the request is for them and none is ticked', async () => {
    await make({ for_whom: 'self' });
    assert.equal(await speaks(), 'ru');
  });

  it('stores no language for someone else when none is ticked, not the reporter’s', async () => {
    await make({ for_whom: 'other', subject_name: 'Kārlis Ozols', subject_knows: 'yes' });
    assert.equal(await speaks(), '');
  });

  it('keeps the languages ticked as ticked', async () => {
    await make({ for_whom: 'self', speaks: ['lv'] });
    assert.equal(await speaks(), 'lv');
  });
});
