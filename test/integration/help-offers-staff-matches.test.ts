import assert from 'node:assert/strict';
import { makeOffer } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { addStaff, signIn } from '../support/staff.js';

describe('the staff page of an offer lists whom the volunteer helps or was asked to help', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('links each match’s request with its state, to those who may open the request only', async () => {
    // A volunteer of Kaunata and Malta, asked to help on Kaunata's (private) request.
    const offer = await makeOffer(trial.context, { name: 'Divu Pagastu', parishes: ['kaunatas', 'maltas'] });
    await trial.propose(trial.help.ref, offer).expect(303);
    const page = (await trial.worker.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200)).text;
    assert.match(
      page,
      new RegExp(
        `data-qa="staff-offer-match" data-state="proposed"><a href="/staff/help/requests/${trial.help.ref}[^"]*">${trial.help.ref}</a>: asked`,
      ),
    );

    // Malta's social worker sees the offer (it covers Malta), not the Kaunata request.
    const malta = await signIn(
      trial.context,
      await addStaff(trial.context, {
        email: 'maltas.socialais@example.org',
        role: 'social_worker',
        contacts: ['maltas-social'],
      }),
    );
    await malta.agent.get(`/staff/help/requests/${trial.help.ref}`).expect(404);
    const theirs = (await malta.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200)).text;
    assert.doesNotMatch(theirs, new RegExp(trial.help.ref));
    assert.doesNotMatch(theirs, /data-qa="staff-offer-match"/);
    assert.match(theirs, /data-qa="no-matches"/);
  });
});
