import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

describe('the thank-you page after a yes links to the answerer’s own page', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  /** Presses a link's button in a language; the page it answers with. */
  async function pressIn(path: string, language: string) {
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!);
    return (
      await request(trial.context.app)
        .post(`${path.split('?')[0]!}?lang=${language}`)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token })
        .expect(200)
    ).text;
  }

  const ownLink = (page: string) =>
    /<a href="([^"]+)" data-qa="own-page">([^<]+)<\/a>/.exec(page.replaceAll('&amp;', '&'));

  it('gives the volunteer their offer’s page and the person their request’s page, in the page’s language', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const accepted = await pressIn(
      trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept'),
      'en',
    );
    const volunteer = ownLink(accepted);
    assert.ok(volunteer, accepted);
    assert.equal(volunteer[2], 'Your offer’s page');
    assert.match(volunteer[1]!, new RegExp(`^/help/offers/${trial.offerId}\\?token=[^&]+&lang=en$`));
    const offerPage = await request(trial.context.app).get(volunteer[1]!).expect(200);
    assert.match(offerPage.text, /<html lang="en"/);

    const agreed = await pressIn(
      trial.linkIn((await trial.outbox('help-consent'))[0]!.text_body, 'agree'),
      'ru',
    );
    const person = ownLink(agreed);
    assert.ok(person, agreed);
    assert.equal(person[2], 'Страница вашей просьбы');
    assert.match(person[1]!, new RegExp(`^/reports/${trial.help.ref}\\?token=[^&]+&lang=ru$`));
    const requestPage = await request(trial.context.app).get(person[1]!).expect(200);
    assert.ok(requestPage.text.includes(trial.help.ref));
  });
});
