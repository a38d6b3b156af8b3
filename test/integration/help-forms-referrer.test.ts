import assert from 'node:assert/strict';
import request from 'supertest';
import { DAY, MatchingTrial } from '../support/help-matching.js';

/*
 * Every help page whose form posts to a route behind the origin check (src/web/origin-check.ts)
 * sets a same-origin referrer policy: under the site's `no-referrer` a browser without
 * Sec-Fetch-Site (Safari before 16.4, an old tablet) sends `Origin: null` with the post, and the
 * check refuses it, so the person could never say yes.
 */
const SAME_ORIGIN = '<meta name="referrer" content="same-origin">';

describe('help pages with a form let an older browser post it', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const carries = async (path: string) => {
    const page = await request(trial.context.app).get(path).expect(200);
    assert.match(page.text, /<form [^>]*method="post"/, `${path} has a form`);
    assert.ok(page.text.includes(SAME_ORIGIN), `${path} sets a same-origin referrer policy`);
  };

  it('on the pages behind matching emails and the volunteer’s own', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    const proposal = await trial.mailAbout('help-proposal', id);
    await carries(trial.linkIn(proposal, 'accept'));
    await carries(trial.linkIn(proposal, 'decline'));
    await carries(trial.linkIn(proposal, 'concern'));
    await trial.press(trial.linkIn(proposal, 'accept'));
    const consent = await trial.mailAbout('help-consent', id);
    await carries(trial.linkIn(consent, 'agree'));
    await carries(trial.linkIn(consent, 'refuse'));
    await trial.press(trial.linkIn(consent, 'agree'));
    trial.later(15 * DAY);
    await trial.context.services.helpFollowups.sendDue();
    await carries(trial.linkIn((await trial.outbox('help-followup'))[0]!.text_body, 'followup/helped'));

    const manage = trial.context.services.helpOfferLinks.managePath(trial.offerId);
    await carries(manage);
    await carries(manage.replace('?', '/withdraw?'));
    await carries('/help/offer');
    await carries('/help/request');
  });
});
