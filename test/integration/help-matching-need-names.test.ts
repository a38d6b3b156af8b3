import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

describe('the words to a volunteer never name the asker or the person in the other alphabet', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('refuses a Latin name written in Cyrillic as it is spoken, and a Cyrillic one in Latin letters', async () => {
    const help = await makeHelpRequest(trial.context, {
      name: 'Peter Brown',
      email: 'peter.brown@example.org',
      forWhom: 'other',
      subject: { name: 'Пётр Иванов' },
    });
    for (const need of [
      'Петр Браун needs a lift to the doctor.',
      'Питеру Брауну нужно к врачу.',
      'Pyotr Ivanov needs a lift.',
    ])
      await trial.propose(help.ref, trial.offerId, need).expect(422);
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer read a name');
    await trial.propose(help.ref, trial.offerId, 'Kungam vajag aizvest uz Rēzekni pie ārsta.').expect(303);
    assert.equal((await trial.outbox('help-proposal')).length, 1);
  });
});
