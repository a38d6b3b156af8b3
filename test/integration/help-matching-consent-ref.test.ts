import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';

describe('the consent email gives the request’s number', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  for (const [language, sentence] of [
    ['lv', 'Jūsu lūguma numurs ir'],
    ['en', 'Your request number is'],
    ['ru', 'Номер вашей просьбы:'],
  ] as const) {
    it(`names it in ${language}, for the person to quote on the phone to the parish`, async () => {
      await trial.context.services.knex('reports').where({ id: trial.help.id }).update({ language });
      await trial.propose(trial.help.ref, trial.offerId).expect(303);
      await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
      const [consent] = await trial.outbox('help-consent');
      assert.equal(consent!.language, language);
      for (const body of [consent!.text_body, consent!.html_body]) {
        assert.ok(body.includes(`${sentence} ${trial.help.ref}`), body);
      }
    });
  }
});
