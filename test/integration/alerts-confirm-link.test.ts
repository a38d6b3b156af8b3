import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { askForAlert, confirmedAlert, headersOf, linkIn, mailTo } from './alerts-helpers.js';

const HOUR = 60 * 60 * 1000;

/** The alert's confirmation link, opened: a button only when pressing it would start the alert. */
describe('opening an alert’s confirmation link', () => {
  let context: TestContext;
  let now: Date;
  before(async () => {
    now = new Date('2026-03-01T10:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });
  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00Z');
  });

  const noButton = (html: string) => assert.doesNotMatch(html, /data-qa="confirm-form"/);
  const confirmLink = async (email: string) =>
    linkIn((await mailTo(context.services.knex, email))[0]!, '/alerts/confirm/').replace(/\?.*/, '');

  it('says at once that a used link’s alert is on, with the link to its reports, and changes nothing', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'jau@example.lv', { place: 'parish:kaunatas' });
    const before = await services.knex('alerts').where({ email: 'jau@example.lv' }).first();
    now = new Date(now.getTime() + HOUR);
    const page = await request(app)
      .get(`${await confirmLink('jau@example.lv')}?lang=en`)
      .expect(200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.text, /<h1>The alert is on<\/h1>/);
    assert.match(page.text, /<a href="\/reports\?parish=kaunatas&amp;lang=en" data-qa="alert-reports">/);
    noButton(page.text);
    const after = await services.knex('alerts').where({ email: 'jau@example.lv' }).first();
    assert.equal(new Date(after.confirmed_at).getTime(), new Date(before.confirmed_at).getTime());
    assert.equal(new Date(after.last_digest_at).getTime(), new Date(before.last_digest_at).getTime());
  });

  it('says at once that an expired or forged link does not work, and starts nothing', async () => {
    const { app, services } = context;
    await askForAlert(app, { email: 'novelots@example.lv' }, 'en').expect(303);
    const link = await confirmLink('novelots@example.lv');
    now = new Date('2026-03-09T10:00:00Z');
    const late = await request(app).get(`${link}?lang=en`).expect(410);
    assert.match(late.text, /The link has expired/);
    assert.match(late.text, /data-qa="alert-failed" data-outcome="expired"/);
    noButton(late.text);
    const forged = await request(app)
      .get('/alerts/confirm/1.zzzzzz.forgedforgedforgedforgedforged12?lang=en')
      .expect(404);
    assert.match(forged.text, /data-qa="alert-failed" data-outcome="invalid"/);
    noButton(forged.text);
    await request(app).get('/alerts/confirm/garbage').expect(404);
    assert.equal(
      (await services.knex('alerts').where({ email: 'novelots@example.lv' }).first()).confirmed_at,
      null,
    );
  });

  it('refuses on opening a link sent before its owner unsubscribed; a link asked for after shows the button', async () => {
    const { app, services } = context;
    await confirmedAlert(app, services.knex, 'atsaka@example.lv', { place: 'parish:kaunatas' });
    const old = await confirmLink('atsaka@example.lv');
    const [confirmation] = await mailTo(services.knex, 'atsaka@example.lv');
    const unsubscribe = new URL(headersOf(confirmation!)['List-Unsubscribe']!.slice(1, -1)).pathname;
    now = new Date(now.getTime() + HOUR);
    await request(app).post(unsubscribe).type('form').send('List-Unsubscribe=One-Click').expect(200);
    now = new Date(now.getTime() + HOUR);
    // A good link of an alert stopped since: gone (410) and said so, not called broken (404).
    const refused = await request(app).get(`${old}?lang=en`).expect(410);
    assert.match(refused.text, /data-qa="alert-failed" data-outcome="unsubscribed"/);
    assert.match(refused.text, /<h1>This alert is off<\/h1>/);
    noButton(refused.text);
    const pressed = await request(app).post(`${old}?lang=ru`).type('form').send({}).expect(410);
    assert.match(pressed.text, /<h1>Эти оповещения отключены<\/h1>/);
    assert.match(
      (await request(app).get(old).expect(410)).text,
      /<h1>Šie paziņojumi ir atslēgti<\/h1>/,
      'in Latvian unless asked otherwise',
    );
    await askForAlert(app, { email: 'atsaka@example.lv', place: 'parish:kaunatas' }).expect(303);
    const mail = await mailTo(services.knex, 'atsaka@example.lv');
    const fresh = linkIn(mail.at(-1)!, '/alerts/confirm/');
    assert.match((await request(app).get(fresh).expect(200)).text, /data-qa="confirm-form"/);
    assert.notEqual(
      (await services.knex('alerts').where({ email: 'atsaka@example.lv' }).first()).unsubscribed_at,
      null,
    );
  });
});
