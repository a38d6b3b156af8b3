import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/**
 * Both agreed, and the one who asked gave no email: Tilts emails the volunteer their contact and
 * tells the social worker to phone the asker with the volunteer's. The desk said nothing of that
 * contact: the social worker opened the volunteer's offer, which lists every contact of theirs,
 * the ones the volunteer never agreed to pass on too. The desk now says what to pass on, and
 * only that.
 */
describe('the matching desk gives the volunteer’s contact to phone through to an asker without email', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const block = (html: string) =>
    /<div class="notice" data-qa="tell-by-phone">([\s\S]*?)<\/div>/.exec(html)?.[1]?.replace(/\s+/g, ' ');

  it('shows the name and the phone the volunteer agreed to share, never the email they kept back', async () => {
    await trial.context.services
      .knex('help_offers')
      .where({ id: trial.offerId })
      .update({ share_email: false, share_phone: true });
    const id = await trial.acceptedForAskerWithoutEmail();
    const before = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.equal(block(before.text), undefined, 'nothing to pass on before both agreed');
    await postForm(trial.worker, `/staff/help/matches/${id}/phone`, { answer: 'agree' }).expect(303);
    const words = {
      en: 'No email could take the volunteer’s contact to the one who asked',
      lv: 'Tam, kurš lūdza, brīvprātīgā kontaktu nevarēja nosūtīt e-pastā',
      ru: 'Тому, кто просил, контакт волонтёра не удалось отправить по электронной почте',
    };
    for (const [lang, text] of Object.entries(words)) {
      const desk = await trial.worker.agent
        .get(`/staff/help/requests/${trial.help.ref}?lang=${lang}`)
        .expect(200);
      const told = block(desk.text);
      assert.ok(told, `the contact to pass on, in ${lang}`);
      assert.ok(told.includes(text), told);
      assert.match(told, /Ilze Zariņa/);
      assert.match(told, /<a href="tel:\+37129990001">\+371 29990001<\/a>/);
      assert.doesNotMatch(told, /ilze\.zarina@example\.org/);
    }
  });

  it('says nothing of it when the asker was emailed the contact', async () => {
    const id = await trial.sharedMatch();
    assert.equal(await trial.state(id), 'shared');
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    assert.equal(block(desk.text), undefined);
  });
});
