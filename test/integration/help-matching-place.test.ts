import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

describe('the words to a volunteer never give the place the person asked from', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('refuses words holding the request’s own address, however written, in the reader’s language, keeping them', async () => {
    const help = await makeHelpRequest(trial.context, { location: 'Skolas iela 5' });
    for (const [lang, need, message] of [
      ['ru', 'Нужно отвезти к врачу, адрес Skolas iela 5', /Уберите адрес, который человек указал в просьбе/],
      ['lv', 'Paņemt no skolas ielā 5.', /Izņemiet adresi, ko cilvēks norādīja lūgumā/],
      [
        'en',
        'Pick her up at SKOLAS  IELA 5, please.',
        /Leave out the address the person gave in the request/,
      ],
    ] as const) {
      const res = await postForm(trial.worker, `/staff/help/requests/${help.ref}/propose?lang=${lang}`, {
        offer: String(trial.offerId),
        need,
      }).expect(422);
      assert.match(/data-qa="error-propose"[^>]*>([\s\S]{0,200})/.exec(res.text)![1]!, message, lang);
      assert.ok(res.text.includes(`>${need}</textarea>`), `the words are kept: ${need}`);
    }
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer was told the address');
    assert.equal((await trial.context.services.knex('help_matches')).length, 0);
    // Another street, or the same street at another house, goes.
    await trial
      .propose(help.ref, trial.offerId, 'Uz Rēzekni no Skolas ielas puses, netālu no 55. mājas.')
      .expect(303);
    assert.equal((await trial.outbox('help-proposal')).length, 1);
  });
  it('refuses the street and its number with the parts of the place in another order or without “iela”', async () => {
    const help = await makeHelpRequest(trial.context, { location: 'Kaunata, Liepu 7' });
    for (const need of ['Vajag aizvest kungu pie ārsta, Liepu iela 7, Kaunata', 'Адрес: улица Лиепу, 7'])
      await trial.propose(help.ref, trial.offerId, need).expect(422);
    const other = await makeHelpRequest(trial.context, { location: 'Liepu iela 7' });
    await trial.propose(other.ref, trial.offerId, 'Aizvest no Liepu 7 uz Rēzekni.').expect(422);
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer was told the address');
    await trial
      .propose(help.ref, trial.offerId, 'Aizvest kungu no Kaunatas uz Rēzekni, 7. maijā.')
      .expect(303);
  });

  it('refuses a street and house the asker wrote in the description, not only in the place', async () => {
    const help = await makeHelpRequest(trial.context, {
      location: 'Kaunata',
      description: 'Mamma dzīvo Dārza ielā 12, viņai vajag malku 2 reizes mēnesī.',
    });
    const res = await postForm(trial.worker, `/staff/help/requests/${help.ref}/propose?lang=en`, {
      offer: String(trial.offerId),
      need: 'Atvest malku uz Dārza iela 12.',
    }).expect(422);
    assert.match(res.text, /Leave out the address the person gave in the request/);
    assert.equal((await trial.outbox('help-proposal')).length, 0, 'no volunteer was told the address');
    await trial.propose(help.ref, trial.offerId, 'Atvest malku uz Kaunatu 2 reizes mēnesī.').expect(303);
  });
});
