import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';
import { addStaff, NOVADS_ADMIN, signIn } from '../support/staff.js';

/**
 * A date said after a verb on staff's pages is in the case Latvian asks there: the locative after
 * "Piedāvāts", "izdzēsti", "dzēsti" ("2026. gada 30. novembrī"), the genitive after "kopš"
 * ("kopš 2026. gada 5. maija"), not the nominative Intl writes ("novembris", "maijs"). English and
 * Russian (whose day and month are genitive already) read as before.
 */
describe('staff pages: a date after a verb, declined in Latvian', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());
  const NOVEMBER = new Date('2026-11-30T10:15:00Z');
  const MAY = new Date('2026-05-05T10:15:00Z');

  it('says when a volunteer was proposed, on the request’s desk', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.context.services
      .knex('help_matches')
      .where({ report_id: trial.help.id })
      .update({ created_at: NOVEMBER });
    const desk = (lang: string) =>
      trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=${lang}`).expect(200);
    assert.match((await desk('lv')).text, /Piedāvāts 2026\. gada 30\. novembrī 12:15</);
    assert.match((await desk('en')).text, /Proposed 30 November 2026 at 12:15</);
    assert.match((await desk('ru')).text, /Предложено 30 ноября 2026\sг\. в 12:15</);
  });

  it('says when the person’s data was erased, in the request’s panel', async () => {
    await trial.context.services
      .knex('help_requests')
      .where({ report_id: trial.help.id })
      .update({ erased_at: NOVEMBER });
    const page = (lang: string) =>
      trial.worker.agent.get(`/staff/reports/${trial.help.ref}?lang=${lang}`).expect(200);
    assert.match(
      (await page('lv')).text,
      /data-qa="help-erased"><p>Cilvēka dati izdzēsti 2026\. gada 30\. novembrī 12:15: palikusi tikai statistika\./,
    );
    assert.match((await page('ru')).text, /Данные человека удалены 30 ноября 2026\sг\. в 12:15:/);
  });

  it('says when a volunteer’s data was erased, and since when an address bounces, where the month is written out', async () => {
    const { knex } = trial.context.services;
    await knex('help_offers').where({ id: trial.offerId }).update({ erased_at: MAY });
    const offer = await trial.worker.agent.get(`/staff/help/offers/${trial.offerId}?lang=lv`).expect(200);
    assert.match(offer.text, /Brīvprātīgā dati dzēsti 2026\. gada 5\. maijā 13:15:00\./);
    // Russian's list of dates ("Отправлено: …") has its month in the genitive as Intl writes it.
    await knex('help_offers').where({ id: trial.offerId }).update({ created_at: NOVEMBER });
    const ru = await trial.worker.agent.get(`/staff/help/offers/${trial.offerId}?lang=ru`).expect(200);
    assert.match(ru.text, /<li>Отправлено: 30 нояб\. 2026\sг\., 12:15:00<\/li>/);
    assert.match(ru.text, /Данные волонтёра удалены 5 мая 2026\sг\., 13:15:00\./);

    await knex('contacts').where({ code: 'maltas-admin' }).update({ bouncing_since: MAY });
    const admin = await signIn(trial.context, await addStaff(trial.context, NOVADS_ADMIN));
    const list = await admin.agent.get('/staff/admin/contacts?bouncing=1&lang=lv').expect(200);
    assert.match(list.text, /data-qa="bouncing">Atgriež vēstules kopš 2026\. gada 5\. maija 13:15:00</);
    const en = await admin.agent.get('/staff/admin/contacts?bouncing=1&lang=en').expect(200);
    assert.match(en.text, /data-qa="bouncing">Bouncing since 5 May 2026, 13:15:00</);
  });
});
