import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

describe('the page of the asker’s “agree” link', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  /** The volunteer said yes: the consent email, and its agree link. */
  async function consentAsked() {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    await trial.press(trial.linkIn(proposal!.text_body, 'accept'));
    const [consent] = await trial.outbox('help-consent');
    return { consent: consent!, agreePath: trial.linkIn(consent!.text_body, 'agree') };
  }

  it('shows what the volunteer wrote about themselves, masked as the consent email masks it', async () => {
    await trial.context.services
      .knex('help_offers')
      .where({ id: trial.offerId })
      .update({ about: 'Esmu Ilze Zariņa, ir auto. Zvaniet 29990001 vai ilze.zarina@example.org.' });
    const { consent, agreePath } = await consentAsked();
    const emailed = /^Par sevi: (.*)$/m.exec(consent.text_body)?.[1];
    assert.ok(emailed, 'the consent email says what they wrote about themselves');
    const page = await request(trial.context.app).get(agreePath).expect(200);
    const shown = /data-qa="about">([^<]*)</.exec(page.text)?.[1];
    assert.equal(shown, emailed);
    assert.match(shown!, /ir auto\. Zvaniet \[…\] vai \[…\]\./);
    for (const secret of ['Ilze', 'Zariņa', 'ilze.zarina', '29990001'])
      assert.ok(!page.text.includes(secret), `the agree page hides ${secret}`);
    // The same on the "no, thank you" page, in English too.
    const refusePath = trial.linkIn(consent.text_body, 'refuse');
    const english = await request(trial.context.app).get(`${refusePath}&lang=en`).expect(200);
    assert.match(english.text, /What the volunteer says about themselves/);
    assert.match(english.text, /data-qa="about"[^>]*>[^<]*ir auto\. Zvaniet \[…\] vai \[…\]\./);
  });

  it('masks every link in their words, with a scheme or bare, in the consent email and on its pages', async () => {
    await trial.context.services.knex('help_offers').where({ id: trial.offerId }).update({
      about:
        'Man ir auto, varu braukt sestdienās. Mans Facebook: facebook.com/sergejs.ivanovs, arī https://instagram.com/sergejs_i un www.sergejs.lv; t.me/sergejsi.',
    });
    const { consent, agreePath } = await consentAsked();
    const expected = 'Man ir auto, varu braukt sestdienās. Mans Facebook: […], arī […] un […]; […].';
    assert.equal(/^Par sevi: (.*)$/m.exec(consent.text_body)?.[1], expected);
    const page = await request(trial.context.app).get(agreePath).expect(200);
    assert.equal(/data-qa="about">([^<]*)</.exec(page.text)?.[1], expected);
    for (const text of [consent.text_body, consent.html_body, page.text])
      for (const secret of ['sergejs', 'instagram.com', 't.me/'])
        assert.ok(!text.includes(secret), `${secret} is masked`);
  });

  it('marks the volunteer’s words in another language than the page’s', async () => {
    await trial.context.services
      .knex('help_offers')
      .where({ id: trial.offerId })
      .update({ about: 'Есть машина, могу возить по субботам.', language: 'lv' });
    const { agreePath } = await consentAsked();
    const page = await request(trial.context.app).get(`${agreePath}&lang=en`).expect(200);
    assert.match(page.text, /data-qa="about-language">In Russian:/);
    assert.match(page.text, /data-qa="about" lang="ru">Есть машина, могу возить по субботам\.</);
    const russian = await request(trial.context.app).get(`${agreePath}&lang=ru`).expect(200);
    assert.match(russian.text, /data-qa="about">Есть машина/);
    assert.doesNotMatch(russian.text, /data-qa="about-language"/);
  });

  it('shows no words about them to the volunteer, and none when they wrote none', async () => {
    await trial.context.services.knex('help_offers').where({ id: trial.offerId }).update({ about: '' });
    const { agreePath } = await consentAsked();
    const page = await request(trial.context.app).get(agreePath).expect(200);
    assert.doesNotMatch(page.text, /data-qa="about"/);
    const [proposal] = await trial.outbox('help-proposal');
    const volunteerPage = await request(trial.context.app)
      .get(trial.linkIn(proposal!.text_body, 'accept'))
      .expect(200);
    assert.doesNotMatch(volunteerPage.text, /data-qa="about"/);
  });
});
