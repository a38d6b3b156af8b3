import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/**
 * The public words no longer mask a name its reporter chose to show (public-words-shown-name). A
 * volunteer reads a person's need before both agreed, though, and learns who they are only then:
 * the asker's name stays masked there, and refused in the desk's words, whatever `show_name` says.
 * A request is never made with it (new-report.ts), so it is set here as a bug or an import might.
 */
describe('matching: the asker’s name stays masked for a volunteer, even one marked as shown', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('refuses it in the desk’s words, and masks it on the link’s page and the volunteer’s own page', async () => {
    const { knex } = trial.context.services;
    await knex('reports').where({ id: trial.help.id }).update({ show_name: true });
    const named = 'Jāņa Kalniņa mammai vajag uz Rēzekni.';
    const refused = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: named,
    }).expect(422);
    assert.match(refused.text, /data-qa="error-propose"[^>]*>[\s\S]{0,80}Leave out the phone number/);
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer was asked');

    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    // Words written before the desk refused names in them.
    await knex('help_matches').where({ id }).update({ need_text: named });
    const [proposal] = await trial.outbox('help-proposal');
    assert.doesNotMatch(proposal!.text_body, /Kalniņ/);
    const page = await request(trial.context.app)
      .get(trial.linkIn(proposal!.text_body, 'accept'))
      .expect(200);
    assert.match(page.text, /\[…\] mammai vajag uz Rēzekni\./);
    assert.doesNotMatch(page.text, /Kalniņ/);
    const own = trial.context.services.helpOfferLinks.managePath(trial.offerId);
    const ownPage = (await request(trial.context.app).get(`${own}&lang=en`).expect(200)).text;
    assert.match(ownPage, /\[…\] mammai vajag uz Rēzekni\./);
    assert.doesNotMatch(ownPage, /Kalniņ/);
  });
});
