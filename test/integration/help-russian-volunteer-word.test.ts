import assert from 'node:assert/strict';
import request from 'supertest';
import { makeOffer } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * A Russian-speaking person reads "волонтёр" in every email of matching; their own page must call the
 * same person the same, or a reader takes the "доброволец" of the page for someone else.
 */
describe('the Russian words for a volunteer: one word on the asker’s page and in their emails', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('says “волонтёр” at every step of the asker’s page, as the emails do, and no jargon in the contacts email', async () => {
    await trial.context.services.knex('reports').where({ id: trial.help.id }).update({ language: 'ru' });
    const second = await makeOffer(trial.context, { name: 'Otrs Brīvprātīgais' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[0]!.text_body, 'decline'));
    trial.later(60_000);
    await trial.propose(trial.help.ref, second).expect(303);
    await trial.press(trial.linkIn((await trial.outbox('help-proposal'))[1]!.text_body, 'accept'));
    trial.later(60_000);
    const [consent] = await trial.outbox('help-consent');
    assert.match(consent!.text_body, /Волонтёр/);
    await trial.press(trial.linkIn(consent!.text_body, 'agree'));

    const token = trial.context.services.links.reporterToken(trial.help.ref);
    const own = await request(trial.context.app)
      .get(`/reports/${trial.help.ref}?token=${token}&lang=ru`)
      .expect(200);
    const changes = [...own.text.matchAll(/data-qa="timeline-change">([^<]*)</g)].map((match) => match[1]!);
    assert.deepEqual(changes.slice(1), [
      'Социальный работник обратился к волонтёру, который мог бы помочь',
      'Волонтёр, к которому обратились, в этот раз помочь не может; социальный работник ищет другого',
      'Социальный работник обратился к волонтёру, который мог бы помочь',
      'Волонтёр готов помочь; мы отправили вам письмо с вопросом, можно ли передать контакты',
      'Вы согласились на передачу контактов',
      'Контакты переданы: вы и волонтёр получили контакты друг друга по электронной почте',
    ]);
    assert.doesNotMatch(own.text, /[Дд]оброволь?[цч]/);

    const contacts = (await trial.outbox('help-contacts')).find((mail) => mail.language === 'ru');
    assert.ok(contacts, 'the Russian contacts email');
    assert.doesNotMatch(`${contacts.text_body}\n${contacts.html_body}`, /подбор|[Дд]оброволь?[цч]/);
  });
});
