import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { confirmedAlert, mailTo, publicAnswer } from './alerts-helpers.js';
import { postForm, validFields } from './report-form-helpers.js';

const HOUR = 60 * 60 * 1000;
const NAME = /Ilze\s+Kalni(ņ|&#326;|&#x146;)a/i;

/** The reporter's name is nowhere in `text`, and something was masked in its place. */
function assertNameMasked(text: string, where: string) {
  assert.doesNotMatch(text, NAME, where);
  assert.match(text, /\[…\]|\[&#8230;\]|\[\\u2026\]/, `${where}: masked, not left out`);
}

describe('a reporter’s own name typed into a public report: masked on the lists, the map, the feeds and digests too', () => {
  it('where only a row of the report is read, as on its page', async () => {
    const start = new Date('2026-03-02T08:00:00Z');
    let now = start;
    const { app, services } = await makeApp({}, { clock: () => now });
    await confirmedAlert(app, services.knex, 'diena@example.lv', {
      place: 'parish:kaunatas',
      frequency: 'daily',
    });
    await confirmedAlert(app, services.knex, 'uzreiz@example.lv', { place: 'parish:kaunatas' });
    now = new Date(start.getTime() + HOUR);
    const { report } = await makeReport(services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Ilze Kalniņa ziņo: bedre pie vārtiem',
      description: 'Liela bedre.',
      location: 'ILZE  KALNIŅA, Skolas iela 4',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
      lat: 56.3078,
      lon: 27.5911,
    });
    // The parish answers her by name: its words are public, her name in them is not.
    await publicAnswer(services, report, 'Paldies, Ilze Kalniņa, salabosim rīt.');

    const page = (await request(app).get('/reports').expect(200)).text;
    assertNameMasked(page, 'the list');
    assert.match(page, /ziņo: bedre pie vārtiem/, 'the rest of the title stays');
    assert.match(page, /Skolas iela 4/, 'the rest of the place stays');
    for (const [path, where] of [
      ['/parishes/kaunatas', 'the parish’s page'],
      ['/map', 'the list beside the map'],
      ['/map/pins.json', 'the map’s pins'],
      ['/map/reports.geojson', 'the GeoJSON'],
      ['/feeds/reports.atom', 'the list’s feed'],
      ['/feeds/reports.rss?parish=kaunatas', 'the parish’s feed'],
    ] as const) {
      assertNameMasked((await request(app).get(path).expect(200)).text, where);
    }

    // A neighbour about to report the same pothole is shown it before sending.
    const review = (await postForm(app, validFields({ lat: '56.3079', lon: '27.5912' })).expect(200)).text;
    assert.match(review, new RegExp(`data-ref="${report.ref}"`), 'the review shows the report');
    assertNameMasked(review, 'the review of nearby reports');

    const [alerted] = (await mailTo(services.knex, 'uzreiz@example.lv')).filter(
      (mail) => mail.kind === 'alert-update',
    );
    assert.ok(alerted, 'the immediate alert of the answer went out');
    assertNameMasked(
      `${alerted.subject}\n${alerted.text_body}\n${alerted.html_body}`,
      'the alert of the answer',
    );

    now = new Date(start.getTime() + 26 * HOUR);
    assert.equal(await services.alerts.sendDigests(), 1);
    const digest = (await mailTo(services.knex, 'diena@example.lv')).find(
      (mail) => mail.kind === 'alert-digest',
    );
    assert.ok(digest, 'the digest went out');
    assertNameMasked(`${digest.subject}\n${digest.text_body}\n${digest.html_body}`, 'the daily digest');
    assert.match(digest.text_body, /salabosim rīt/, 'the answer’s other words stay');
  });

  it('greeted by her surname and a title in an answer, as a letter does: masked on her report’s page', async () => {
    const { app, services } = await makeApp();
    const { report } = await makeReport(services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre pie vārtiem',
      description: 'Liela bedre.',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
    });
    await publicAnswer(services, report, 'Cienījamā Kalniņas kundze, salabosim rīt. Kalniņa iela ir nākamā.');
    const page = (await request(app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.doesNotMatch(page, /Kalni(ņ|&#326;|&#x146;)as kundze/);
    assert.match(page, /Cienījamā \[…\], salabosim rīt\./);
    assert.match(page, /Kalniņa iela ir nākamā/, 'a surname without a title is left: here it is a street');
  });
});
