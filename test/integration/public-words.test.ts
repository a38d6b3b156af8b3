import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, makeReport } from '../support/reports.js';
import { confirmedAlert, mailTo, publicAnswer } from './alerts-helpers.js';

const PHONE = /29\s?123\s?456/;
const EMAIL = /ilze@example\.net/;
const NAME = /Ilze Kalniņa/;
const CONTACTS = [PHONE, EMAIL];

/**
 * Whether a text shows none of the reporter's contacts, nor their name where it shows the words
 * that hold it (here the description: the lists and pins show only a title and a place; the name
 * in those is public-words-name.test.ts).
 */
function assertClean(text: string, where: string, patterns = [PHONE, EMAIL, NAME]) {
  for (const pattern of patterns) assert.doesNotMatch(text, pattern, where);
  assert.match(text, /\[…\]/, `${where}: masked, not left out`);
}

describe('a resident’s contacts typed into a public report: masked wherever anyone else reads it', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('on its page, the lists, the map, the feeds, an alert and a follower’s emails; as typed for staff', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'kaimini@example.lv', { place: 'parish:kaunatas' });
    const { report, token } = await makeReport(services, {
      title: 'Bedre, zvaniet 29 123 456',
      description: 'Lūdzu zvaniet 29123456 vai rakstiet ilze@example.net. Ilze Kalniņa',
      location: 'Skolas iela 4, ilze@example.net',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
      phone: '+371 29123456',
      lat: 56.4512,
      lon: 27.3321,
    });
    // A neighbour follows it; then the reporter comments with her address again.
    await confirmedFollower(services, report, { email: 'seko@example.lv', name: 'Seko', language: 'en' });
    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Vēl joprojām. Rakstiet: ilze@example.net, tālr. 29123456.' })
      .expect(303);

    const page = (await request(app).get(`/reports/${report.ref}`).expect(200)).text;
    assertClean(page, 'the report’s page');
    assert.match(page, /Skolas iela 4/, 'the rest of the words stay');
    assertClean((await request(app).get('/reports').expect(200)).text, 'the list', CONTACTS);
    assertClean(
      (await request(app).get('/parishes/kaunatas').expect(200)).text,
      'the parish’s page',
      CONTACTS,
    );
    assertClean((await request(app).get('/map/pins.json').expect(200)).text, 'the map’s pins', CONTACTS);
    assertClean((await request(app).get('/map/reports.geojson').expect(200)).text, 'the GeoJSON', CONTACTS);
    assertClean((await request(app).get('/feeds/reports.atom').expect(200)).text, 'the list’s feed');
    assertClean((await request(app).get(`/reports/${report.ref}/feed.rss`).expect(200)).text, 'its feed');
    // Their own page (their token, no cache) shows them their words as typed, and says others see […].
    const ownPage = await request(app).get(`/reports/${report.ref}?token=${token}`).expect(200);
    assert.equal(ownPage.headers['cache-control'], 'no-store');
    for (const pattern of [PHONE, EMAIL, NAME])
      assert.match(ownPage.text, pattern, 'the reporter’s own page');
    assert.match(ownPage.text, /data-qa="masked-for-others"/);
    assertClean(
      (await request(app).get(`/reports/${report.ref}`).expect(200)).text,
      'the report’s page after its reporter’s own',
    );

    const [alert] = (await mailTo(services.knex, 'kaimini@example.lv')).filter(
      (mail) => mail.kind === 'alert-report',
    );
    assert.ok(alert, 'the alert went out');
    assertClean(`${alert.subject}\n${alert.text_body}\n${alert.html_body}`, 'the alert email');
    const follower = (await mailTo(services.knex, 'seko@example.lv')).find(
      (mail) => mail.kind === 'report-update',
    );
    assert.ok(follower, 'the follower heard of the comment');
    assertClean(`${follower.subject}\n${follower.text_body}\n${follower.html_body}`, 'the follower’s email');
    // Whoever asks to follow (any address may) reads the report as its page shows it too.
    const asked = (await mailTo(services.knex, 'seko@example.lv')).find(
      (mail) => mail.kind === 'subscription-confirm',
    );
    assert.ok(asked, 'asked to confirm');
    assertClean(`${asked.subject}\n${asked.text_body}\n${asked.html_body}`, 'the email asking to confirm');

    // Staff, and the parish's own email, read the words as typed.
    const stored = (await services.reportRepository.byId(report.id))!;
    assert.match(stored.description, PHONE);
    const [routed] = (await services.knex('outbox').where({ kind: 'report-new' }).orderBy('id')) as {
      text_body: string;
    }[];
    assert.match(routed!.text_body, EMAIL);
  });

  it('an answer staff type in the workspace reaches the reporter as its page shows it', async () => {
    const { app, services } = context;
    const { report } = await makeReport(services, { email: 'atbilde@example.lv' });
    await publicAnswer(
      services,
      report,
      'Bedre aizlāpīta. Zvaniet 26123456 vai rakstiet info@kaunata.example.lv.',
    );
    const page = (await request(app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.match(page, /Zvaniet \[…\] vai rakstiet \[…\]/);
    const [told] = (await mailTo(services.knex, 'atbilde@example.lv')).filter(
      (mail) => mail.kind === 'report-update',
    );
    assert.ok(told, 'the reporter heard of the answer');
    const body = `${told.text_body}\n${told.html_body}`;
    assert.doesNotMatch(body, /26123456|info@kaunata/);
    assert.match(told.text_body, /Zvaniet \[…\] vai rakstiet \[…\]/);
  });

  it('gives words with nothing to mask back as they are, numbers and all', () => {
    const words = context.services.publicWords;
    for (const text of [
      'Skolas iela 4, 2. stāvs',
      'Bedre 30 cm dziļa, 2026-11-30',
      'Ceļš Nr. 12, km 3',
      'Ilze',
    ])
      assert.equal(words.of(text, { name: 'Ilze Kalniņa', email: null, phone: null }), text);
    assert.equal(words.of('Zvaniet +371 2912 3456!'), 'Zvaniet […]!');
    assert.equal(
      words.of('Jautājiet Ilzei Kalniņai vai ILZE  KALNIŅA', {
        name: 'Ilze Kalniņa',
        email: null,
        phone: null,
      }),
      // Declined too (the dative), as Latvian writes a name.
      'Jautājiet […] vai […]',
    );
  });
});
