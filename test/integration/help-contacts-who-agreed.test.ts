import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * Laima asks for help for her neighbour Anna, who knows of it, and agrees by the consent email for
 * her. The volunteer's contacts email and their offer page said "the person has agreed": Anna never
 * was asked. They now say the one who asked agreed for her, naming no one beyond the contacts
 * shared; a request for oneself still says the person agreed.
 */
describe('the volunteer is told truthfully who agreed', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const offerPage = (lang: string) =>
    request(trial.context.app)
      .get(trial.context.services.helpOfferLinks.managePath(trial.offerId))
      .query({ lang })
      .expect(200)
      .then((res) => res.text);
  const stateOn = (page: string) => /data-qa="match-state">([^<]+)</.exec(page)?.[1];
  const contactsOn = (page: string) => /data-qa="match-contacts">\s*<p>([^<]+)<\/p>/.exec(page)?.[1];

  it('asked for someone else: the one who asked agreed for them (lv, en, ru)', async () => {
    const asked = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      phone: '+371 26660077',
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa' },
      knows: 'yes',
    });
    await trial.sharedMatch(asked.ref);
    const mail = (await trial.outbox('help-contacts')).find((m) => m.to_email === 'ilze.zarina@example.org')!;
    for (const body of [mail.text_body, mail.html_body]) {
      assert.doesNotMatch(body, /Cilvēks ir piekritis/);
      assert.ok(
        body.includes('Palīdzību šim cilvēkam lūdza cits cilvēks, un viņš ir piekritis šī cilvēka vārdā.'),
      );
    }

    const said = {
      lv: ['Lūdzējs piekrita: kontakti nodoti', 'Palīdzību šim cilvēkam lūdza cits cilvēks'],
      en: [
        'The one who asked for them agreed: contacts shared',
        'Someone asked for help on this person’s behalf and has agreed for them.',
      ],
      ru: [
        'Тот, кто просил, согласился: контакты переданы',
        'О помощи для этого человека попросил другой человек и согласился от его имени.',
      ],
    };
    for (const [lang, [state, intro]] of Object.entries(said)) {
      const page = await offerPage(lang);
      assert.equal(stateOn(page), state, lang);
      assert.ok(contactsOn(page)?.startsWith(intro!), `${lang}: ${contactsOn(page)}`);
      assert.match(page, /Anna Kaimiņa/);
    }

    // Withdrawn since: what is fair now, to the one who asked, not to "this person who agreed".
    const path = trial.context.services.helpOfferLinks.managePath(trial.offerId);
    await request(trial.context.app)
      .post(`/help/offers/${trial.offerId}/withdraw`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token: new URL(path, 'http://x').searchParams.get('token')!, confirm: 'yes' })
      .expect(303);
    const withdrawn = {
      lv: 'Jūs esat atsaucis savu piedāvājumu, taču tas, kurš lūdza palīdzību šim cilvēkam, jau bija piekritis',
      en: 'You have withdrawn your offer, but the one who asked for this person had already agreed',
      ru: 'Вы отозвали своё предложение, но тот, кто просил помощи для этого человека, уже согласился',
    };
    for (const [lang, start] of Object.entries(withdrawn)) {
      const page = await offerPage(lang);
      assert.equal(stateOn(page), said[lang as keyof typeof said][0], lang);
      assert.ok(contactsOn(page)?.startsWith(start), `${lang}: ${contactsOn(page)}`);
    }
  });

  it('before the answer, waits for the one who will give it: the one who asked, or the person', async () => {
    const asked = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa' },
      knows: 'yes',
    });
    await trial.propose(asked.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    await trial.press(trial.linkIn(await trial.mailAbout('help-proposal', id), 'accept'));
    const waiting = {
      lv: 'Jūs piekritāt: gaidām lūdzēja atbildi',
      en: 'You said yes: waiting for an answer from the one who asked',
      ru: 'Вы согласились: ждём ответа от того, кто просил',
    };
    for (const [lang, state] of Object.entries(waiting))
      assert.equal(stateOn(await offerPage(lang)), state, lang);
    assert.doesNotMatch(await offerPage('lv'), /Anna Kaimiņa|Laima/, 'no name before both agreed');
    await trial.context.services.knex('help_matches').where({ id }).update({ state: 'cancelled' });

    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const own = await trial.newestMatch();
    await trial.press(trial.linkIn(await trial.mailAbout('help-proposal', own), 'accept'));
    const page = await offerPage('en');
    const states = [...page.matchAll(/data-qa="match-state">([^<]+)</g)].map((match) => match[1]);
    assert.equal(states[0], 'You said yes: waiting for the person’s answer');
  });

  it('asked for oneself: the person agreed, as before', async () => {
    await trial.sharedMatch();
    const mail = (await trial.outbox('help-contacts')).find((m) => m.to_email === 'ilze.zarina@example.org')!;
    assert.match(mail.text_body, /^Cilvēks ir piekritis\./);
    const page = await offerPage('en');
    assert.equal(stateOn(page), 'The person agreed: contacts shared');
    assert.ok(contactsOn(page)?.startsWith('The person has agreed.'));
  });
});
