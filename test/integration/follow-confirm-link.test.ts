import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { linkFrom } from './report-form-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/** A follow's confirmation link, opened: a button only when pressing it would start the follow. */
describe('opening the link that confirms following a report', () => {
  let context: TestContext;
  let now: Date;
  let report: Report;
  let token: string;
  before(async () => {
    // The one-click unsubscribe counts by the real clock: this one starts from it.
    now = new Date();
    context = await makeApp({}, { clock: () => now });
  });
  beforeEach(async () => {
    now = new Date();
    await context.services.knex('rate_limits').delete();
    ({ report, token } = await makeReport(context.services, { title: 'Bedre', email: 'anna@example.lv' }));
  });

  async function askToFollow(email: string) {
    await request(context.app)
      .post(`/reports/${report.ref}/follow?lang=en`)
      .type('form')
      .send({ name: 'Olga', email })
      .expect(303);
    const link = await linkFrom(context.services.knex, 'subscription-confirm', 'subscriptions');
    const subscription = await context.services.knex('subscriptions').where({ email }).first();
    return { link, id: subscription.id as number };
  }

  const noButton = (html: string) => assert.doesNotMatch(html, /data-qa="confirm-form"/);
  const failed = (outcome: string) => new RegExp(`data-qa="subscription-failed" data-outcome="${outcome}"`);

  it('names its button in the email as on the page the email opens, in each language', async () => {
    const { app, services } = context;
    for (const language of ['lv', 'en', 'ru']) {
      const email = `button-${language}@example.lv`;
      await request(app)
        .post(`/reports/${report.ref}/follow?lang=${language}`)
        .type('form')
        .send({ name: 'Olga', email })
        .expect(303);
      const mail = (await services
        .knex('outbox')
        .where({ kind: 'subscription-confirm', to_email: email })
        .first()) as {
        html_body: string;
      };
      const button = /<a href="[^"]*" style="[^"]*">([^<]*)<\/a><\/p>/.exec(mail.html_body)![1]!;
      const link = await linkFrom(services.knex, 'subscription-confirm', 'subscriptions');
      const page = await request(app).get(`${link}?lang=${language}`).expect(200);
      assert.match(
        page.text,
        new RegExp(`data-qa="confirm-button">${button}</button>`),
        `${language}: ${button}`,
      );
    }
  });

  it('says at once that a used link’s follow is on, and changes nothing', async () => {
    const { app, services } = context;
    const { link, id } = await askToFollow('olga@example.lv');
    assert.match((await request(app).get(link).expect(200)).text, /data-qa="confirm-form"/);
    await request(app).post(link).expect(200);
    const confirmedAt = (await services.knex('subscriptions').where({ id }).first()).confirmed_at;
    now = new Date(now.getTime() + DAY);
    const page = await request(app).get(`${link}?lang=en`).expect(200);
    assert.match(page.text, new RegExp(`<h1>You are following report ${report.ref}</h1>`));
    assert.match(page.text, new RegExp(`href="/reports/${report.ref}\\?lang=en"`));
    noButton(page.text);
    const after = (await services.knex('subscriptions').where({ id }).first()).confirmed_at;
    assert.equal(new Date(after).getTime(), new Date(confirmedAt).getTime());
  });

  it('says at once that an expired or forged link does not work, and starts nothing', async () => {
    const { app, services } = context;
    const { link, id } = await askToFollow('velu@example.lv');
    now = new Date(now.getTime() + 8 * DAY);
    const late = await request(app).get(`${link}?lang=en`).expect(410);
    assert.match(late.text, /This link has expired/);
    assert.match(late.text, failed('expired'));
    noButton(late.text);
    const forged = await request(app)
      .get(`${link.replace(/\.[^.]+$/, '.forged')}?lang=en`)
      .expect(404);
    assert.match(forged.text, /This link does not work/);
    noButton(forged.text);
    await request(app).get('/subscriptions/confirm/garbage').expect(404);
    assert.equal((await services.knex('subscriptions').where({ id }).first()).confirmed_at, null);
  });

  it('says at once that its owner unsubscribed since, or that the report was withdrawn', async () => {
    const { app, services } = context;
    const { link, id } = await askToFollow('projam@example.lv');
    await request(app).post(link).expect(200);
    const unsubscribe = new URL(services.links.unsubscribe('s', id)).pathname;
    const asked = await request(app).get(`${unsubscribe}?lang=en`).expect(200);
    assert.ok(asked.text.includes(`stop emails about updates to report ${report.ref}.`), 'names the report');
    const stopped = await request(app)
      .post(unsubscribe)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    assert.ok(stopped.text.includes(report.ref));
    const usedAgain = await request(app).get(`${unsubscribe}?lang=en`).expect(200);
    assert.match(usedAgain.text, /data-qa="unsubscribed"/, 'the used link says it was used');
    const gone = await request(app).get(`${link}?lang=en`).expect(410);
    assert.match(gone.text, /You no longer follow this report/);
    assert.match(gone.text, failed('unsubscribed'));
    noButton(gone.text);
    assert.notEqual((await services.knex('subscriptions').where({ id }).first()).unsubscribed_at, null);

    const other = await askToFollow('cits@example.lv');
    await services.reportUpdates.reporterAction(report.ref, token, {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const withdrawn = await request(app).get(`${other.link}?lang=en`).expect(410);
    assert.match(withdrawn.text, /The report was withdrawn/);
    assert.match(withdrawn.text, failed('withdrawn'));
    noButton(withdrawn.text);
  });
});
