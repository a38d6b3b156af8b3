import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * A yes or no link opened again after it was answered said only "This has already been answered;
 * nothing more is needed from this link": no way on, not to the reader's own page (where what
 * happened since is), not even back to help, and no word of what to do if something changed.
 * The page after pressing the button links the own page; the link opened again now does too.
 */
describe('an answer link opened again once answered shows the way on', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const ownLink = (page: string) =>
    /<a href="([^"]+)" data-qa="own-page">([^<]+)<\/a>/.exec(page.replaceAll('&amp;', '&'));

  it('the volunteer’s and the person’s, in the page’s language, with the concern hint', async () => {
    const id = await trial.sharedMatch();
    const accept = trial.linkIn(await trial.mailAbout('help-proposal', id), 'accept');
    const volunteer = (await request(trial.context.app).get(`${accept}&lang=ru`).expect(200)).text;
    assert.match(volunteer, /data-qa="answer-closed"/);
    assert.doesNotMatch(volunteer, /data-qa="answer-form"/);
    const offer = ownLink(volunteer);
    assert.ok(offer, 'a link to the offer’s page');
    assert.equal(offer[2], 'Страница вашего предложения');
    assert.match(offer[1]!, new RegExp(`^/help/offers/${trial.offerId}\\?token=[^&]+&lang=ru$`));
    assert.ok(volunteer.includes('Если что-то изменилось, напишите социальному работнику'));
    assert.match(volunteer, /<a href="\/help\?lang=ru" data-qa="back-to-help">/);
    await request(trial.context.app).get(offer[1]!).expect(200);

    const refuse = trial.linkIn(await trial.mailAbout('help-consent', id), 'refuse');
    const person = (await request(trial.context.app).get(`${refuse}&lang=en`).expect(200)).text;
    const own = ownLink(person);
    assert.ok(own, 'a link to the request’s page');
    assert.equal(own[2], 'Your request’s page');
    assert.match(own[1]!, new RegExp(`^/reports/${trial.help.ref}\\?token=[^&]+&lang=en$`));
    assert.ok(person.includes('If something has changed, write to the social worker'));
    await request(trial.context.app).get(own[1]!).expect(200);
  });

  /*
   * Its title and heading still asked the question ("Would you rather not?", "Можете помочь?")
   * above "already answered": they now say it was answered, in each language.
   */
  it('is titled as answered, not with the question it no longer asks', async () => {
    const id = await trial.sharedMatch();
    const heading = (page: string) => ({
      title: /<title>([^<]*) — /.exec(page)?.[1],
      h1: /<h1>([^<]*)<\/h1>/.exec(page)?.[1],
    });
    const accept = trial.linkIn(await trial.mailAbout('help-proposal', id), 'accept');
    const refuse = trial.linkIn(await trial.mailAbout('help-consent', id), 'refuse');
    const cases: [string, string, string][] = [
      [accept, 'ru', 'Уже отвечено'],
      [accept, 'lv', 'Jau atbildēts'],
      [refuse, 'en', 'Already answered'],
      [refuse, 'ru', 'Уже отвечено'],
    ];
    for (const [path, lang, said] of cases) {
      const page = (await request(trial.context.app).get(`${path}&lang=${lang}`).expect(200)).text;
      assert.deepEqual(heading(page), { title: said, h1: said }, `${path} in ${lang}`);
    }
  });

  it('no own page nor hint while the button is still there', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const accept = trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'accept');
    const page = (await request(trial.context.app).get(accept).expect(200)).text;
    assert.match(page, /data-qa="answer-form"/);
    assert.match(page, /<h1>Vai varat palīdzēt\?<\/h1>/, 'the question while it is asked');
    assert.equal(ownLink(page), null);
    assert.doesNotMatch(page, /data-qa="answer-changed"/);
  });
});
