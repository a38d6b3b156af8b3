import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * A person who opened "Yes, I agree" by mistake, or changed their mind on reading the page, had
 * only that one button and had to find the email again for the other link. Each answer page now
 * offers the other answer too, with the same token (it is the same side's), in the same language.
 */
describe('an answer link’s page offers the other answer as well', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const href = (html: string) =>
    /<a href="([^"]+)"[^>]*data-qa="answer-other"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

  it('from “agree” to “no, thank you” and back for the person, and between yes and no for the volunteer', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const proposal = (await trial.outbox('help-proposal'))[0]!.text_body;
    const accept = await request(trial.context.app)
      .get(`${trial.linkIn(proposal, 'accept')}&lang=en`)
      .expect(200);
    const toDecline = href(accept.text);
    assert.ok(toDecline, 'the accept page links to the decline page');
    assert.match(toDecline, /^\/help\/matches\/\d+\/decline\?token=[^&]+&lang=en$/);
    const decline = await request(trial.context.app).get(toDecline).expect(200);
    assert.match(decline.text, /data-qa="answer-submit">No, I cannot help this time</);
    assert.match(href(decline.text) ?? '', /\/accept\?token=/);

    await trial.press(trial.linkIn(proposal, 'accept'));
    const consent = (await trial.outbox('help-consent'))[0]!.text_body;
    const agree = await request(trial.context.app)
      .get(`${trial.linkIn(consent, 'agree')}&lang=ru`)
      .expect(200);
    assert.match(agree.text, /<a href="[^"]+"[^>]*data-qa="answer-other">Нет, спасибо<\/a>/);
    const refuse = await request(trial.context.app).get(href(agree.text)!).expect(200);
    assert.match(refuse.text, /data-qa="answer-submit">Нет, спасибо</);
    assert.match(refuse.text, /data-qa="answer-other">Да, даю согласие<\/a>/);
    // The other page's button answers: its token is the person's.
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(href(agree.text)!)![1]!);
    await request(trial.context.app)
      .post(href(agree.text)!.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token })
      .expect(200);
    assert.equal(await trial.state(await trial.newestMatch()), 'refused');
    // Once answered, neither page offers an answer any more.
    const after = await request(trial.context.app).get(trial.linkIn(consent, 'agree')).expect(200);
    assert.doesNotMatch(after.text, /answer-other/);
  });
});
