import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * The email that gives the volunteer the person's contact said where only as the asker typed it
 * ("Liepu iela 7"), and nothing at all when they typed no village or address: the parish, which
 * the proposal named, was missing from the one email the volunteer keeps to go and help.
 */
describe('the contacts email to the volunteer names the parish', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  async function sharedFor(ref: string) {
    await trial.sharedMatch(ref);
    const mails = await trial.outbox('help-contacts');
    return {
      volunteer: mails.find((mail) => mail.to_email === 'ilze.zarina@example.org')!,
      person: mails.find((mail) => mail.to_email !== 'ilze.zarina@example.org')!,
    };
  }

  it('beside the place typed, and alone when none was typed; never in the person’s email', async () => {
    const { volunteer, person } = await sharedFor(trial.help.ref);
    assert.match(volunteer.text_body, /^Kur: Kaunata, Liepu iela 7$/m);
    assert.match(volunteer.text_body, /^Pagasts vai pilsēta: Kaunatas pagasts$/m);
    assert.match(volunteer.html_body, /<li>Pagasts vai pilsēta: Kaunatas pagasts<\/li>/);
    assert.doesNotMatch(person.text_body, /Pagasts vai pilsēta/);
  });

  it('in the volunteer’s language when the asker typed no place', async () => {
    await trial.context.services.knex('help_offers').where({ id: trial.offerId }).update({ language: 'ru' });
    const help = await makeHelpRequest(trial.context, { email: 'anna.liepa@example.org', location: '' });
    await trial.context.services.knex('help_matches').delete();
    const { volunteer } = await sharedFor(help.ref);
    assert.doesNotMatch(volunteer.text_body, /^Где:/m);
    assert.match(volunteer.text_body, /^Волость или город: волость Кауната$/m);
  });

  it('once, under the person, when the asker’s contact is given beside theirs', async () => {
    const help = await makeHelpRequest(trial.context, {
      name: 'Laima Jauna',
      email: 'laima.jauna@example.org',
      forWhom: 'other',
      subject: { name: 'Anna Kaimiņa', phone: '27770002' },
      knows: 'yes',
    });
    await trial.context.services.knex('help_matches').delete();
    const { volunteer } = await sharedFor(help.ref);
    assert.equal(volunteer.html_body.match(/Pagasts vai pilsēta:/g)?.length, 1);
    assert.equal(volunteer.text_body.match(/Pagasts vai pilsēta:/g)?.length, 1);
  });
});
