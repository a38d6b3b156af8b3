import assert from 'node:assert/strict';
import request from 'supertest';
import { HelpMatchRepository } from '../../src/help/matching/repository.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

describe('a request for help withdrawn or closed while a volunteer is being asked', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  /** The asker withdraws their request by their own page's button. */
  async function withdrawRequest() {
    const token = trial.context.services.links.reporterToken(trial.help.ref);
    await request(trial.context.app)
      .post(`/reports/${trial.help.ref}/actions`)
      .type('form')
      .send({ token, action: 'withdraw', confirm: 'yes' })
      .expect(303);
  }

  it('never shares contacts once the asker withdrew, and tells the volunteer who said yes', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    const agree = trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree');
    await withdrawRequest();
    // Before anything stops the match, its link already says it is not needed, with no button.
    const page = (await request(trial.context.app).get(agree).expect(200)).text;
    assert.match(page, /data-qa="answer-closed"/);
    assert.doesNotMatch(page, /data-qa="answer-form"/);
    assert.equal(await trial.state(id), 'accepted', 'a look changes nothing');
    assert.match((await trial.press(agree)).text, /data-result="cancelled"/);
    assert.equal(await trial.state(id), 'cancelled');
    assert.equal((await trial.outbox('help-contacts')).length, 0, 'no contact shared');
    const [told] = await trial.outbox('help-cancelled');
    assert.equal(told!.to_email, 'ilze.zarina@example.org');
    assert.match(told!.text_body, /lūgums ir atsaukts vai slēgts/);
    // The volunteer is free again: nothing counts them as helping.
    const helping = await new HelpMatchRepository(trial.context.services.knex).helping([trial.offerId]);
    assert.equal(helping.get(trial.offerId) ?? 0, 0);
  });

  it('stops the matches of a withdrawn request within the minute, once, without anyone answering', async () => {
    const { helpClosedRequests } = trial.context.services;
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const accepted = await trial.newestMatch();
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'));
    assert.equal(await helpClosedRequests.stopClosed(), 0, 'an open request keeps its match');
    await withdrawRequest();
    assert.equal(await helpClosedRequests.stopClosed(), 1);
    assert.equal(await trial.state(accepted), 'cancelled');
    assert.deepEqual((await trial.events(accepted)).slice(-1), ['cancelled/system/system']);
    assert.equal((await trial.outbox('help-cancelled')).length, 1, 'the volunteer who said yes is told');
    assert.equal(await helpClosedRequests.stopClosed(), 0, 'once');
    assert.equal((await trial.outbox('help-cancelled')).length, 1);

    // The social worker cannot propose it again, and is told why.
    const refused = await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: 'Vēlreiz?',
    }).expect(422);
    assert.match(refused.text, /withdrawn or closed: no volunteer is needed any more/);
    assert.equal((await trial.outbox('help-proposal')).length, 1);
  });
});
