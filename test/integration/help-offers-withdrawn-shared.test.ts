import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/** What the volunteer's own page says beside contacts already shared, before and after withdrawing. */
const SAID = {
  lv: { soon: 'lūdzu, sazinieties drīz', withdrawn: 'Jūs esat atsaucis savu piedāvājumu, taču šis cilvēks' },
  en: { soon: 'please get in touch soon', withdrawn: 'You have withdrawn your offer, but this person' },
  ru: { soon: 'пожалуйста, свяжитесь скоро', withdrawn: 'Вы отозвали своё предложение, но этот человек' },
} as const;

describe('a withdrawn offer’s own page, beside contacts already shared', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('no longer asks the volunteer to get in touch soon, and says what is fair now, in each language', async () => {
    await trial.sharedMatch();
    const path = trial.context.services.helpOfferLinks.managePath(trial.offerId);
    const page = async (lang: string) =>
      (await request(trial.context.app).get(`${path}&lang=${lang}`).expect(200)).text.replaceAll(
        '&#39;',
        '’',
      );
    assert.ok((await page('en')).includes(SAID.en.soon), 'before withdrawing: get in touch soon');

    const token = new URL(path, 'http://x').searchParams.get('token')!;
    await request(trial.context.app)
      .post(`/help/offers/${trial.offerId}/withdraw`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, confirm: 'yes' })
      .expect(303);
    for (const [lang, said] of Object.entries(SAID)) {
      const withdrawn = await page(lang);
      assert.match(withdrawn, /data-qa="match-contacts"/, lang);
      assert.ok(withdrawn.includes('janis.kalnins@example.org'), `${lang}: the contacts stay`);
      assert.ok(!withdrawn.includes(said.soon), `${lang}: no "get in touch soon"`);
      assert.ok(withdrawn.includes(said.withdrawn), `${lang}: says the offer was withdrawn`);
    }
  });
});
