import assert from 'node:assert/strict';
import request from 'supertest';
import { DAY, MatchingTrial } from '../support/help-matching.js';

/**
 * The page after a concern is sent and the page after "how did it go?" is answered ended with a
 * thank-you and nothing to go on to: no link to the reader's own page (their offer, their
 * request), not even back to help. They now have both, as the page after a yes or a no has.
 */
describe('the pages after a concern and after "how did it go?" lead on', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const post = (path: string, fields: Record<string, string>, lang: string) =>
    request(trial.context.app)
      .post(path.split('?')[0]!)
      .query({ lang })
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token: decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!), ...fields })
      .expect(200);
  const ownLink = (page: string) =>
    /<a href="([^"]+)" data-qa="own-page">([^<]+)<\/a>/.exec(page.replaceAll('&amp;', '&'));

  it('a concern sent: the volunteer’s offer page and back to help, in the page’s language', async () => {
    const id = await trial.sharedMatch();
    const concern = trial.linkIn(await trial.mailAbout('help-proposal', id), 'concern');
    const done = (await post(concern, { text: 'Neviens neatbild.' }, 'ru')).text;
    assert.match(done, /data-qa="concern-done"/);
    const own = ownLink(done);
    assert.ok(own, 'a link to the offer’s page');
    assert.equal(own[2], 'Страница вашего предложения');
    assert.match(own[1]!, new RegExp(`^/help/offers/${trial.offerId}\\?token=[^&]+&lang=ru$`));
    assert.match(done, /<a href="\/help\?lang=ru" data-qa="back-to-help">/);
    await request(trial.context.app).get(own[1]!).expect(200);
  });

  it('"how did it go?" answered, and opened again: the request’s page and back to help', async () => {
    await trial.sharedMatch();
    trial.later(15 * DAY);
    assert.equal(await trial.context.services.helpFollowups.sendDue(), 1);
    const mail = (await trial.outbox('help-followup')).find(
      (one) => one.to_email === 'janis.kalnins@example.org',
    )!;
    const helped = trial.linkIn(mail.text_body, 'followup/helped');
    const before = await request(trial.context.app).get(`${helped}&lang=en`).expect(200);
    assert.equal(ownLink(before.text), null, 'the button first');
    const done = (await post(helped, {}, 'en')).text;
    assert.match(done, /data-qa="followup-done"/);
    const own = ownLink(done);
    assert.ok(own, 'a link to the request’s page');
    assert.equal(own[2], 'Your request’s page');
    assert.match(own[1]!, new RegExp(`^/reports/${trial.help.ref}\\?token=[^&]+&lang=en$`));
    assert.match(done, /<a href="\/help\?lang=en" data-qa="back-to-help">/);
    const again = await request(trial.context.app).get(`${helped}&lang=lv`).expect(200);
    assert.match(again.text, /data-qa="followup-already"/);
    assert.equal(ownLink(again.text)?.[2], 'Jūsu lūguma lapa');
  });
});
