import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * The page after pressing a proposal's or a consent's button links the reader's own page (the
 * offer's, the request's); the emails themselves did not. They now do, each to its reader's own
 * page by the private link its first email already gave them: a page, which answers nothing.
 */
describe('the proposal and consent emails link the reader’s own page', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const ownIn = (text: string, label: string) =>
    new RegExp(`${label}:\\nhttp://tilts\\.test(/\\S+)`).exec(text)?.[1];

  it('the volunteer’s offer page and the asker’s request page, in their languages', async () => {
    const offerId = await makeOffer(trial.context, {
      name: 'Olga Petrova',
      email: 'olga.petrova@example.org',
      phone: '+371 29990002',
      language: 'ru',
    });
    const asked = await makeHelpRequest(trial.context, {
      name: 'John Smith',
      email: 'john.smith@example.org',
      phone: '+371 26660002',
      language: 'en',
    });
    await trial.propose(asked.ref, offerId).expect(303);
    const id = await trial.newestMatch();
    const proposal = (await trial.outbox('help-proposal')).at(-1)!;
    assert.equal(proposal.to_email, 'olga.petrova@example.org');
    const offerPath = ownIn(proposal.text_body, 'Страница вашего предложения');
    assert.equal(offerPath, `${trial.context.services.helpOfferLinks.managePath(offerId)}&lang=ru`);
    assert.ok(proposal.html_body.includes(`href="http://tilts.test${offerPath!.replaceAll('&', '&amp;')}"`));
    const offerPage = (await request(trial.context.app).get(offerPath!).expect(200)).text;
    assert.match(offerPage, /data-qa="offer-matches"/);
    assert.equal(await trial.state(id), 'proposed', 'opening it answers nothing');

    await trial.press(trial.linkIn(proposal.text_body, 'accept'));
    const consent = (await trial.outbox('help-consent')).at(-1)!;
    assert.equal(consent.to_email, 'john.smith@example.org');
    const requestPath = ownIn(consent.text_body, 'Your request’s page');
    assert.match(requestPath!, new RegExp(`^/reports/${asked.ref}\\?token=[^&\\s]+&lang=en$`));
    assert.ok(consent.html_body.includes(`http://tilts.test${requestPath!.replaceAll('&', '&amp;')}`));
    await request(trial.context.app).get(requestPath!).expect(200);
    assert.equal(await trial.state(id), 'accepted', 'opening it answers nothing');
    // Nobody else's page: neither email holds the other side's.
    assert.ok(!proposal.text_body.includes(`/reports/${asked.ref}`));
    assert.ok(!consent.text_body.includes(`/help/offers/${offerId}`));
  });

  it('in Latvian too', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const proposal = (await trial.outbox('help-proposal')).at(-1)!;
    assert.ok(ownIn(proposal.text_body, 'Jūsu piedāvājuma lapa'));
    await trial.press(trial.linkIn(proposal.text_body, 'accept'));
    assert.ok(ownIn((await trial.outbox('help-consent')).at(-1)!.text_body, 'Jūsu lūguma lapa'));
  });
});
