import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { askForAlert, confirmedAlert, headersOf, linkIn, mailTo, publicAnswer } from './alerts-helpers.js';

const HOUR = 60 * 60 * 1000;

describe('the daily digest of an alert', () => {
  it('sends one email a day with the new public reports and answers of its scope, and nothing on a quiet day', async () => {
    const start = new Date('2026-03-02T08:00:00Z');
    let now = start;
    const { app, services } = await makeApp({}, { clock: () => now });
    const before = await makeReport(services, { parish: 'kaunatas', title: 'Vecā bedre' });
    now = new Date(start.getTime() + HOUR);
    await confirmedAlert(
      app,
      services.knex,
      'diena@example.lv',
      { place: 'parish:kaunatas', frequency: 'daily' },
      'en',
    );
    await askForAlert(app, {
      email: 'neapstiprina@example.lv',
      place: 'parish:kaunatas',
      frequency: 'daily',
    });
    now = new Date(start.getTime() + 2 * HOUR);
    const { report } = await makeReport(services, {
      parish: 'kaunatas',
      title: 'Jaunā bedre',
      name: 'Anna Noslēpuma',
      email: 'anna.noslepuma@example.lv',
      phone: '29999888',
    });
    const twice = await makeReport(services, { parish: 'kaunatas', title: 'Bedre vēlreiz' });
    await makeReport(services, { parish: 'maltas', title: 'Maltas bedre' });
    await makeReport(services, { parish: 'kaunatas', category: 'elderly-help', title: 'Privāts lūgums' });
    now = new Date(start.getTime() + 3 * HOUR);
    await publicAnswer(services, before.report, 'Salabosim rīt.');
    await publicAnswer(services, twice.report, 'Jau ziņots.', {
      toStatus: 'closed',
      closeReason: 'duplicate',
    });
    // An answer a moderator hid before the digest goes is not in it.
    await publicAnswer(services, before.report, 'Rupjš atbildes teksts.');
    await services
      .knex('report_updates')
      .where({ public_text: 'Rupjš atbildes teksts.' })
      .update({ hidden_at: now, hidden_reason: 'Rupjības' });
    // Nothing is due before a day has passed, and nothing is sent at once.
    now = new Date(start.getTime() + 20 * HOUR);
    assert.equal(await services.alerts.sendDigests(), 0);
    assert.deepEqual(
      (await mailTo(services.knex, 'diena@example.lv')).map((row) => row.kind),
      ['alert-confirm'],
    );
    now = new Date(start.getTime() + 26 * HOUR);
    assert.equal(await services.alerts.sendDigests(), 1);
    const mail = await mailTo(services.knex, 'diena@example.lv');
    assert.deepEqual(
      mail.map((row) => row.kind),
      ['alert-confirm', 'alert-digest'],
    );
    const digest = mail[1]!;
    assert.equal(digest.subject, 'Your daily summary from Tilts');
    // The first digest counts from the confirmation, more than a day before: not "today".
    assert.ok(digest.html_body.includes('New since 2 March 2026 at 11:00'), digest.html_body);
    assert.match(digest.text_body, /2 new reports/);
    assert.ok(digest.text_body.includes(`${report.ref}: Jaunā bedre`));
    assert.ok(digest.text_body.includes(`${before.report.ref}: Vecā bedre (In progress)`), digest.text_body);
    // The parish's Latvian answer, marked for the English reader as an update email marks it.
    assert.match(digest.text_body, /\(In Latvian\)\n\s+Salabosim rīt\./);
    // Why a report was closed, as its page and the immediate alert say.
    assert.ok(
      digest.text_body.includes(`${twice.report.ref}: Bedre vēlreiz (Closed: Duplicate)`),
      digest.text_body,
    );
    assert.ok(digest.html_body.includes('(Closed: Duplicate)'), 'the HTML says it too');
    assert.doesNotMatch(digest.text_body, /Maltas bedre|Privāts lūgums|Rupjš/);
    assert.doesNotMatch(
      digest.text_body + digest.html_body,
      /Noslēpuma|anna\.noslepuma|29999888|Jānis Bērziņš/,
    );
    assert.equal(headersOf(digest)['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.match(linkIn(digest, '/alerts/unsubscribe/'), /^\/alerts\/unsubscribe\/a\d+\//);
    assert.deepEqual(
      (await mailTo(services.knex, 'neapstiprina@example.lv')).map((row) => row.kind),
      ['alert-confirm'],
    );
    const alert = await services.knex('alerts').where({ email: 'diena@example.lv' }).first();
    assert.equal(new Date(alert.last_digest_at).getTime(), now.getTime());
    // A quiet day: no email, but the day is counted.
    now = new Date(start.getTime() + 51 * HOUR);
    assert.equal(await services.alerts.sendDigests(), 0);
    assert.equal((await mailTo(services.knex, 'diena@example.lv')).length, 2);
    const after = await services.knex('alerts').where({ email: 'diena@example.lv' }).first();
    assert.equal(new Date(after.last_digest_at).getTime(), now.getTime());
  });
});

describe('an alert’s confirmation link', () => {
  it('expires after 7 days, and a forged one does nothing', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const { app, services } = await makeApp({}, { clock: () => now });
    await askForAlert(app, { email: 'velu@example.lv' }, 'en').expect(303);
    const [confirmation] = await mailTo(services.knex, 'velu@example.lv');
    now = new Date('2026-03-09T10:00:00Z');
    const res = await request(app).post(linkIn(confirmation!, '/alerts/confirm/')).expect(410);
    assert.match(res.text, /The link has expired/);
    assert.equal((await services.knex('alerts').first()).confirmed_at, null);
    await request(app).post('/alerts/confirm/1.zzzzzz.forgedforgedforgedforgedforged12').expect(404);
  });
});
