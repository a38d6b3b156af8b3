import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * A person who speaks only Russian is asked to agree to a volunteer: whether they can talk with
 * them is theirs to weigh, so the consent email and its pages say which languages the volunteer
 * speaks (a language is no contact and names nobody).
 */
describe('the consent asked of the person says which languages the volunteer speaks', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('in the consent email and on its “agree” and “no, thank you” pages, in the reader’s words', async () => {
    const { knex } = trial.context.services;
    await knex('reports').where({ id: trial.help.id }).update({ language: 'ru' });
    await knex('help_offers').where({ id: trial.offerId }).update({ speaks: 'lv,ltg' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const [consent] = await trial.outbox('help-consent');
    assert.equal(consent!.language, 'ru');
    assert.match(consent!.text_body, /^Языки волонтёра: латышский, латгальский$/m);
    assert.match(consent!.html_body, /<li>Языки волонтёра: латышский, латгальский<\/li>/);

    const agree = await request(trial.context.app)
      .get(`${trial.linkIn(consent!.text_body, 'agree')}&lang=ru`)
      .expect(200);
    assert.match(agree.text, /<p data-qa="volunteer-speaks">Языки волонтёра: латышский, латгальский<\/p>/);
    const refuse = await request(trial.context.app)
      .get(`${trial.linkIn(consent!.text_body, 'refuse')}&lang=en`)
      .expect(200);
    assert.match(
      refuse.text,
      /<p data-qa="volunteer-speaks">Languages the volunteer speaks: Latvian, Latgalian<\/p>/,
    );
    // The volunteer's own page of the proposal speaks of the need, not of themselves.
    const accept = await request(trial.context.app)
      .get(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'))
      .expect(200);
    assert.doesNotMatch(accept.text, /volunteer-speaks/);
  });
});
