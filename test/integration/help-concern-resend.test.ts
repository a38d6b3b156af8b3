import assert from 'node:assert/strict';
import request from 'supertest';
import { MatchingTrial } from '../support/help-matching.js';

/**
 * "Raise a concern" sent, then Back and sent again: the social worker had the same words twice,
 * two rows on her desk and two emails. The same words from the same side of the same match within
 * half an hour (src/web/resend.ts) now answer as the first send did, saving and emailing nothing;
 * other words, the other side, or the same words later are each a concern of their own.
 */
describe('a concern sent again is the first one', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  const send = (path: string, text: string) =>
    request(trial.context.app)
      .post(path.split('?')[0]!)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token: decodeURIComponent(/[?&]token=([^&]+)/.exec(path)![1]!), text })
      .expect(200);
  const counts = async () => ({
    rows: (
      (await trial.context.services.knex('help_concerns').select('side', 'text').orderBy('id')) as {
        side: string;
        text: string;
      }[]
    ).map((row) => `${row.side}:${row.text}`),
    emails: (await trial.outbox('help-concern')).length,
  });

  it('the same words again: the same thank-you, no second row or email', async () => {
    const id = await trial.sharedMatch();
    const volunteer = trial.linkIn(await trial.mailAbout('help-proposal', id), 'concern');
    const first = await send(volunteer, 'Neviens neatbild uz zvaniem.');
    assert.match(first.text, /data-qa="concern-done"/);
    const once = await counts();
    assert.deepEqual(once.rows, ['volunteer:Neviens neatbild uz zvaniem.']);
    assert.equal(once.emails, 1, 'to Kaunata’s social worker');

    trial.later(10 * 60_000);
    const again = await send(volunteer, 'Neviens neatbild uz zvaniem.');
    assert.match(again.text, /data-qa="concern-done"/);
    assert.match(again.text, /data-qa="own-page"/);
    assert.deepEqual(await counts(), once, 'nothing saved or sent again');
    assert.deepEqual(
      (await trial.events(id)).filter((event) => event.startsWith('concern/')),
      ['concern/volunteer/web'],
    );

    // Other words, or the other side with the same words, are concerns of their own.
    await send(volunteer, 'Neviens neatbild uz zvaniem. Lūdzu, piezvaniet man.');
    const person = trial.linkIn(await trial.mailAbout('help-consent', id), 'concern');
    await send(person, 'Neviens neatbild uz zvaniem.');
    const more = await counts();
    assert.equal(more.rows.length, 3);
    assert.equal(more.emails, once.emails * 3);

    // The same words after the half hour: said again, on purpose.
    trial.later(31 * 60_000);
    await send(volunteer, 'Neviens neatbild uz zvaniem.');
    assert.equal((await counts()).rows.length, 4);
  });

  it('two sends at once make one', async () => {
    const id = await trial.sharedMatch();
    const volunteer = trial.linkIn(await trial.mailAbout('help-proposal', id), 'concern');
    await Promise.all([send(volunteer, 'Divreiz uzreiz.'), send(volunteer, 'Divreiz uzreiz.')]);
    assert.deepEqual(await counts(), { rows: ['volunteer:Divreiz uzreiz.'], emails: 1 });
  });
});
