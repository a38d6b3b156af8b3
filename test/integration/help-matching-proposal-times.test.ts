import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';

describe('the proposal email tells the volunteer when the help is wanted', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('gives the days in the volunteer’s language and the typed times as typed, marked with their language', async () => {
    const { knex } = trial.context.services;
    // A Russian asker wanting help on Tuesdays and Thursdays "утром"; a Latvian volunteer.
    await knex('reports').where({ id: trial.help.id }).update({ language: 'ru' });
    await knex('help_requests')
      .where({ report_id: trial.help.id })
      .update({ days: 'tue,thu', times: 'утром, до обеда' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    assert.equal(proposal!.language, 'lv');
    assert.match(proposal!.text_body, /^Kad: otrdiena, ceturtdiena$/m);
    assert.match(proposal!.text_body, /^Laiks: \(Krievu valodā\) утром, до обеда$/m);
    assert.match(
      proposal!.html_body,
      /<li>Laiks: \(Krievu valodā\) <span lang="ru">утром, до обеда<\/span><\/li>/,
    );
  });

  it('does not mark times in the email’s own language, and masks a contact typed in them', async () => {
    const { knex } = trial.context.services;
    await knex('help_requests')
      .where({ report_id: trial.help.id })
      .update({ times: 'rītos, zvaniet 26660001' });
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const [proposal] = await trial.outbox('help-proposal');
    assert.match(proposal!.text_body, /^Laiks: rītos, zvaniet \[…\]$/m);
    const both = `${proposal!.text_body}\n${proposal!.html_body}`;
    assert.doesNotMatch(both, /26660001|janis\.kalnins|Jānis|Kalniņ/);
  });
});
