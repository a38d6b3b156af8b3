import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * Once both agreed the person's email quoted the social worker's words to the volunteer under
 * "What is needed:", as if they were the person's own request, often in another language than
 * theirs. It now says whose words they are and to whom; the volunteer's email keeps its heading.
 */
describe('the contacts email tells the person whose words about the need it quotes', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('“what the social worker told the volunteer” to the person, “what is needed” to the volunteer', async () => {
    await trial.context.services.knex('reports').where({ id: trial.help.id }).update({ language: 'ru' });
    await trial.sharedMatch();
    const mails = await trial.outbox('help-contacts');
    const person = mails.find((mail) => mail.to_email === 'janis.kalnins@example.org')!;
    const volunteer = mails.find((mail) => mail.to_email === 'ilze.zarina@example.org')!;
    assert.match(person.text_body, /^Что социальный работник сообщил волонтёру:$/m);
    assert.match(person.html_body, /<strong>Что социальный работник сообщил волонтёру:<\/strong>/);
    assert.doesNotMatch(person.text_body, /^Что нужно:$/m);
    assert.match(volunteer.text_body, /^Kas vajadzīgs:$/m);
  });
});
