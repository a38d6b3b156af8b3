import assert from 'node:assert/strict';
import type { Language } from '../../src/i18n/index.js';
import { recordHelpDetails } from './help-requests-helpers.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/** What each language says where the answer field was, and when an answer is sent anyway. */
const SAID: Record<Language, { hint: string; refused: string }> = {
  lv: { hint: 'Cilvēka dati ir izdzēsti: atbilde nevienu nesasniegtu', refused: 'nekas netika saglabāts' },
  en: { hint: 'The person’s data was erased: an answer would reach nobody', refused: 'so none was saved' },
  ru: { hint: 'Данные человека удалены: ответ никому не дойдёт', refused: 'ничего не сохранено' },
};

describe('an erased request for help offers no answer to the resident', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let ref: string;
  let reportId: number;

  beforeEach(async () => {
    context = await makeApp();
    worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const { report } = await makeReport(context.services, {
      category: 'elderly-help',
      title: 'Malka ziemai',
      phone: '+371 2000 0006',
    });
    ({ ref, id: reportId } = report);
    await recordHelpDetails(worker, ref);
  });

  it('offers the answer field before erasure and not after, saying why in each language', async () => {
    const before = (await worker.agent.get(`/staff/reports/${ref}`).expect(200)).text;
    assert.match(before, /name="publicText"/);
    await postForm(worker, `/staff/help/requests/${ref}/erase`, { confirm: 'yes' }).expect(303);
    for (const [language, said] of Object.entries(SAID) as [Language, (typeof SAID)['lv']][]) {
      const page = (await worker.agent.get(`/staff/reports/${ref}?lang=${language}`).expect(200)).text;
      assert.doesNotMatch(page, /name="publicText"/, language);
      assert.ok(page.includes(said.hint), language);
      // An internal note can still be written.
      assert.match(page, /name="internalNote"/);
    }
  });

  it('refuses an answer sent anyway with a translated message, saving and sending nothing', async () => {
    await postForm(worker, `/staff/help/requests/${ref}/erase`, { confirm: 'yes' }).expect(303);
    const { knex } = context.services;
    const updates = async () => (await knex('report_updates').where({ report_id: reportId })).length;
    const outbox = async () => (await knex('outbox').where({ report_id: reportId })).length;
    const [updatesBefore, outboxBefore] = [await updates(), await outbox()];
    for (const [language, said] of Object.entries(SAID) as [Language, (typeof SAID)['lv']][]) {
      const refused = await postForm(worker, `/staff/reports/${ref}/update?lang=${language}`, {
        status: '',
        publicText: 'Labdien! Malku atvedīsim sestdien.',
        internalNote: '',
      });
      assert.equal(refused.status, 422, language);
      assert.ok(refused.text.includes(said.refused), language);
    }
    assert.equal(await updates(), updatesBefore);
    assert.equal(await outbox(), outboxBefore);
  });
});
