import assert from 'node:assert/strict';
import request from 'supertest';
import * as searchShownNames from '../../migrations/20270101010000_search_shown_names.js';
import { makeApp } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { confirmedAlert, mailTo, publicAnswer } from './alerts-helpers.js';

const HOUR = 60 * 60 * 1000;
const NAME = /Ilze\s+Kalni(ņ|&#326;|&#x146;|\\u0146)a/i;
const PHONE = /29\s?123\s?456/;
const KEPT_BACK = /Pēteris\s+Ozols|P&#275;teris/;

describe('a name its reporter chose to show: not masked in their words, where it stands beside them', () => {
  it('on the page, the lists, the map, the feeds, open data, Open311, alerts and the search; contacts still masked', async () => {
    const start = new Date('2026-03-02T08:00:00Z');
    let now = start;
    const { app, services } = await makeApp({}, { clock: () => now });
    await confirmedAlert(app, services.knex, 'diena@example.lv', {
      place: 'parish:kaunatas',
      frequency: 'daily',
    });
    await confirmedAlert(app, services.knex, 'uzreiz@example.lv', { place: 'parish:kaunatas' });
    now = new Date(start.getTime() + HOUR);
    const { report, token } = await makeReport(services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Ilze Kalniņa ziņo: bedre pie vārtiem',
      description: 'Liela bedre. Ilze Kalniņa, tālr. 29123456',
      location: 'Skolas iela 4',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
      phone: '+371 29123456',
      showName: true,
      lat: 56.3078,
      lon: 27.5911,
    });
    // One who kept their name back, beside her: theirs stays masked.
    const { report: hidden } = await makeReport(services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Pēteris Ozols: nolūzis sols',
      location: 'Parka iela 1',
      name: 'Pēteris Ozols',
      email: 'peteris@example.lv',
      lat: 56.308,
      lon: 27.592,
    });
    await publicAnswer(services, report, 'Paldies, Ilze Kalniņa, salabosim rīt.');
    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Gaidu. Ilze Kalniņa' })
      .expect(303);

    const page = (await request(app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.match(page, /data-qa="title">Ilze Kalniņa ziņo: bedre pie vārtiem</);
    assert.match(page, /Liela bedre\. Ilze Kalniņa, tālr\. \[…\]/, 'her name stays, her phone is masked');
    assert.match(page, /Paldies, Ilze Kalniņa, salabosim rīt\./, 'the answer names her as the page does');
    assert.match(page, /Gaidu\. Ilze Kalniņa/, 'her own comment');
    assert.doesNotMatch(page, PHONE);
    assert.match((await request(app).get(`/reports/${hidden.ref}`).expect(200)).text, /\[…\]: nolūzis sols/);

    for (const path of [
      '/reports',
      '/parishes/kaunatas',
      '/map/pins.json',
      '/map/reports.geojson',
      '/feeds/reports.atom',
      `/reports/${report.ref}/feed.rss`,
      '/open-data/reports.csv',
      '/open311/v2/requests.json',
    ]) {
      const text = (await request(app).get(path).expect(200)).text;
      assert.match(text, NAME, `${path} shows the name she chose to show`);
      assert.doesNotMatch(text, PHONE, `${path} shows no phone`);
      assert.doesNotMatch(text, KEPT_BACK, `${path} masks the name kept back`);
    }

    const search = async (q: string) => (await request(app).get('/reports').query({ q }).expect(200)).text;
    assert.match(await search('Kalniņa'), new RegExp(report.ref), 'her name finds her report');
    assert.doesNotMatch(await search('Ozols'), new RegExp(hidden.ref), 'a name kept back finds nothing');

    const [alerted] = (await mailTo(services.knex, 'uzreiz@example.lv')).filter(
      (mail) => mail.kind === 'alert-report',
    );
    assert.ok(alerted, 'the immediate alert went out');
    assert.match(alerted.text_body, /Ilze Kalniņa ziņo/);
    assert.doesNotMatch(alerted.text_body, PHONE);
    now = new Date(start.getTime() + 26 * HOUR);
    await services.alerts.sendDigests();
    const digest = (await mailTo(services.knex, 'diena@example.lv')).find(
      (mail) => mail.kind === 'alert-digest',
    );
    assert.ok(digest, 'the digest went out');
    assert.match(digest.text_body, /Ilze Kalniņa ziņo/);
    assert.doesNotMatch(digest.text_body, KEPT_BACK);

    // Search words written when a shown name was masked too are cleared, and written again.
    await services
      .knex('reports')
      .where({ id: report.id })
      .update({ search_text: '[…] ziņo: bedre pie vārtiem' });
    await searchShownNames.up(services.knex);
    const cleared = (await services.knex('reports').where({ id: report.id }).first('search_text')) as {
      search_text: string | null;
    };
    assert.equal(cleared.search_text, null);
    const kept = (await services.knex('reports').where({ id: hidden.id }).first('search_text')) as {
      search_text: string | null;
    };
    assert.notEqual(kept.search_text, null, 'a report whose name is kept back keeps its words');
    await services.searchWords.catchUpAll();
    assert.match(await search('Kalniņa'), new RegExp(report.ref));
  });

  it('in comments and their search words too; a name kept back stays masked in the words and the search', async () => {
    const { app, services } = await makeApp();
    const comment = async (ref: string, token: string, text: string) =>
      request(app)
        .post(`/reports/${ref}/actions`)
        .type('form')
        .send({ token, action: 'comment', text })
        .expect(303);
    // Each name as typed in the title, and declined in a comment (the search finds that form there alone).
    const shown = await makeReport(services, {
      title: 'Ilze Kalniņa: nolūzis zars',
      description: 'Zars uz ietves. Rakstīja Ilze Kalniņa.',
      name: 'Ilze Kalniņa',
      showName: true,
    });
    const hidden = await makeReport(services, {
      title: 'Pēteris Ozols: izsists logs',
      description: 'Logs pieturā. Rakstīja Pēteris Ozols.',
      name: 'Pēteris Ozols',
    });
    await comment(shown.report.ref, shown.token, 'Joprojām tur. Ilzei Kalniņai bail iet garām.');
    await comment(hidden.report.ref, hidden.token, 'Joprojām tur. Pēterim Ozolam bail iet garām.');

    const page = (await request(app).get(`/reports/${shown.report.ref}`).expect(200)).text;
    assert.match(page, /Zars uz ietves\. Rakstīja Ilze Kalniņa\./, 'her description names her');
    assert.match(page, /Joprojām tur\. Ilzei Kalniņai bail iet garām\./, 'her comment names her');
    const kept = (await request(app).get(`/reports/${hidden.report.ref}`).expect(200)).text;
    assert.match(kept, /Logs pieturā\. Rakstīja \[…\]\./, 'his description masks his name');
    assert.match(kept, /Joprojām tur\. \[…\] bail iet garām\./, 'his comment masks his name');
    assert.doesNotMatch(kept, /Pēter|Ozol/);

    // The abuse form and the follow page quote the report's words as its page does.
    const abuse = (await request(app).get(`/reports/${shown.report.ref}/abuse`).expect(200)).text;
    assert.match(abuse, /data-qa="report-link"[^>]*>Ilze Kalniņa: nolūzis zars</);
    assert.match(abuse, /Joprojām tur\. Ilzei Kalniņai bail/, 'the comment to choose names her');
    const follow = (await request(app).get(`/reports/${shown.report.ref}/follow`).expect(200)).text;
    assert.match(follow, /data-qa="follow-report-title"[^>]*><strong>Ilze Kalniņa: nolūzis zars</);
    const keptAbuse = (await request(app).get(`/reports/${hidden.report.ref}/abuse`).expect(200)).text;
    assert.match(keptAbuse, /data-qa="report-link"[^>]*>\[…\]: izsists logs</);
    assert.doesNotMatch(keptAbuse, /Pēter|Ozol/);

    const updateText = async (reportId: number) =>
      (
        (await services
          .knex('report_updates')
          .where({ report_id: reportId })
          .whereNotNull('public_text')
          .first('search_text')) as { search_text: string | null }
      ).search_text;
    assert.match((await updateText(shown.report.id))!, /Ilzei Kalniņai/);
    assert.match((await updateText(hidden.report.id))!, /Joprojām tur\. \[…\] bail/);
    const search = async (q: string) => (await request(app).get('/reports').query({ q }).expect(200)).text;
    assert.match(
      await search('Ilzei Kalniņai'),
      new RegExp(shown.report.ref),
      'her comment finds her report',
    );
    assert.match(await search('Rakstīja Ilze'), new RegExp(shown.report.ref), 'her description does too');
    assert.doesNotMatch(await search('Ozolam'), new RegExp(hidden.report.ref), 'his comment finds nothing');
    assert.doesNotMatch(await search('Pēteris'), new RegExp(hidden.report.ref), 'his description neither');

    // Words written when a shown name was masked too: those of her updates are cleared and written again.
    await services
      .knex('report_updates')
      .where({ report_id: shown.report.id })
      .whereNotNull('public_text')
      .update({ search_text: 'Joprojām tur. […] bail iet garām.' });
    await searchShownNames.up(services.knex);
    assert.equal(await updateText(shown.report.id), null);
    assert.notEqual(await updateText(hidden.report.id), null, 'his update keeps its words');
    await services.searchWords.catchUpAll();
    assert.match((await updateText(shown.report.id))!, /Ilzei Kalniņai/);
    assert.match(await search('Ilzei Kalniņai'), new RegExp(shown.report.ref));
  });
});
