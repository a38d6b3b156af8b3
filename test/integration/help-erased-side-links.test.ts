import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/**
 * A side erased on request has no words left with the match: its own links from the matching
 * emails (a concern, how did it go) stop working, so they cannot store new words in a name that is
 * gone. The other side's links still work: a volunteer may still raise a concern about a person
 * whose request was erased.
 */
describe('the matching links of an erased side', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const open = (link: string) => request(trial.context.app).get(link);
  const raise = (link: string, text: string) => {
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(link)![1]!);
    return request(trial.context.app)
      .post(link.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, text });
  };
  const concerns = async (id: number) =>
    (await trial.context.services.knex('help_concerns').where({ match_id: id }).orderBy('id')) as {
      side: string;
      text: string;
    }[];

  it('refuses an erased volunteer’s concern link, and keeps the person’s working', async () => {
    const id = await trial.sharedMatch();
    const volunteerConcern = trial.linkIn(await trial.mailAbout('help-proposal', id), 'concern');
    const personConcern = trial.linkIn(await trial.mailAbout('help-consent', id), 'concern');
    await postForm(trial.worker, `/staff/help/offers/${trial.offerId}/erase`, { confirm: 'yes' }).expect(303);

    await open(volunteerConcern).expect(404);
    await raise(volunteerConcern, 'Es, Ilze, zvaniet 29990001.').expect(404);
    await open(personConcern).expect(200);
    await raise(personConcern, 'Brīvprātīgais neatbrauca.').expect(200);
    assert.deepEqual(
      (await concerns(id)).map((row) => [row.side, row.text]),
      [['person', 'Brīvprātīgais neatbrauca.']],
    );
  });

  it('refuses an erased person’s concern link, and keeps the volunteer’s working', async () => {
    const id = await trial.sharedMatch();
    const volunteerConcern = trial.linkIn(await trial.mailAbout('help-proposal', id), 'concern');
    const personConcern = trial.linkIn(await trial.mailAbout('help-consent', id), 'concern');
    await postForm(trial.worker, `/staff/help/requests/${trial.help.ref}/erase`, { confirm: 'yes' }).expect(
      303,
    );

    await open(personConcern).expect(404);
    await raise(personConcern, 'Es esmu Anna, Skolas iela 3.').expect(404);
    await raise(volunteerConcern, 'Durvis neviens neatvēra.').expect(200);
    assert.deepEqual(
      (await concerns(id)).map((row) => [row.side, row.text]),
      [['volunteer', 'Durvis neviens neatvēra.']],
    );
  });
});
