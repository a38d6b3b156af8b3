import assert from 'node:assert/strict';
import { MatchingTrial } from '../support/help-matching.js';
import { postForm } from '../support/staff.js';

/** Stopping a proposed match tells the volunteer at once: the desk asks first, on a page of its own. */
describe('stopping a match in the workspace asks first', () => {
  const trial = new MatchingTrial();
  beforeEach(() => trial.start());

  it('leads from the desk to a confirm page, stops nothing on a post without the confirmation, and stops it once confirmed', async () => {
    await trial.propose(trial.help.ref, trial.offerId).expect(303);
    const id = await trial.newestMatch();
    const desk = await trial.worker.agent.get(`/staff/help/requests/${trial.help.ref}?lang=en`).expect(200);
    // A link to the question, not a form that acts at a click.
    assert.match(desk.text, new RegExp(`href="/staff/help/matches/${id}/cancel" data-qa="cancel-link"`));
    assert.doesNotMatch(desk.text, /data-qa="cancel-form"/);

    const ask = await trial.worker.agent.get(`/staff/help/matches/${id}/cancel?lang=en`).expect(200);
    assert.match(ask.text, /<h1>Stop this proposal\?<\/h1>/);
    assert.match(ask.text, /<dd>Ilze Zariņa<\/dd>/);
    assert.match(ask.text, /name="confirm" value="yes"/);
    assert.match(ask.text, new RegExp(`href="/staff/help/requests/${trial.help.ref}" data-qa="cancel-back"`));
    const lv = await trial.worker.agent.get(`/staff/help/matches/${id}/cancel?lang=lv`).expect(200);
    assert.match(lv.text, /Apturēt šo piedāvājumu\?/);
    const ru = await trial.worker.agent.get(`/staff/help/matches/${id}/cancel?lang=ru`).expect(200);
    assert.match(ru.text, /Остановить это предложение\?/);

    // A stray post (no confirmation) asks again and changes nothing.
    const stray = await postForm(trial.worker, `/staff/help/matches/${id}/cancel`).expect(303);
    assert.equal(stray.headers.location, `/staff/help/matches/${id}/cancel?lang=ru`);
    assert.equal(await trial.state(id), 'proposed');
    assert.equal((await trial.outbox('help-cancelled')).length, 0);

    await postForm(trial.worker, `/staff/help/matches/${id}/cancel`, { confirm: 'yes' }).expect(303);
    assert.equal(await trial.state(id), 'cancelled');
    assert.equal((await trial.outbox('help-cancelled')).length, 1);
    // Stopped already: the question is not asked again, the desk is shown.
    const again = await trial.worker.agent.get(`/staff/help/matches/${id}/cancel`).expect(303);
    assert.equal(again.headers.location, `/staff/help/requests/${trial.help.ref}?lang=ru`);
  });

  it('answers 404 for a match that does not exist', async () => {
    await trial.worker.agent.get('/staff/help/matches/999999/cancel').expect(404);
    await trial.worker.agent.get('/staff/help/matches/abc/cancel').expect(404);
  });
});
