import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

describe('erasing a volunteer takes the concerns they wrote', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const raise = async (link: string, text: string) => {
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(link)![1]!);
    await request(trial.context.app)
      .post(link.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, text })
      .expect(200);
  };

  it('leaves none of their words on the desk or in the case file, and keeps the person’s', async () => {
    const id = await trial.sharedMatch();
    const [toVolunteer, toPerson] = await Promise.all([
      trial.mailAbout('help-proposal', id),
      trial.mailAbout('help-consent', id),
    ]);
    await raise(trial.linkIn(toVolunteer, 'concern'), 'Es, Ilze, nevaru atbraukt, zvaniet 29990001.');
    await raise(trial.linkIn(toPerson, 'concern'), 'Brīvprātīgais kavējas.');
    const desk = `/staff/help/requests/${trial.help.ref}`;
    assert.match((await trial.worker.agent.get(desk).expect(200)).text, /zvaniet 29990001/);

    await postForm(trial.worker, `/staff/help/offers/${trial.offerId}/erase`, { confirm: 'yes' }).expect(303);

    const rows = (await trial.context.services
      .knex('help_concerns')
      .where({ match_id: id })
      .orderBy('id')) as { side: string; text: string; erased_at: Date | null }[];
    assert.deepEqual(
      rows.map((row) => [row.side, row.text, row.erased_at !== null]),
      [
        ['volunteer', '', true],
        ['person', 'Brīvprātīgais kavējas.', false],
      ],
    );
    const after = (await trial.worker.agent.get(desk).expect(200)).text;
    assert.doesNotMatch(after, /29990001|Ilze, nevaru/);
    assert.match(after, /Brīvprātīgais kavējas\./);
    const caseFile = await trial.worker.agent.get(`${desk}/case.json`).expect(200);
    assert.doesNotMatch(caseFile.text, /29990001|Ilze, nevaru/);
  });
});
