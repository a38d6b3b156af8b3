import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { count, jpeg, linkFrom, pendingIds, postForm, validFields } from './report-form-helpers.js';

/** The hidden fields of the review page's "send my report" form, as the browser posts them back. */
function sendAnyway(html: string): [string, string][] {
  const form = html.slice(html.indexOf('data-qa="send-anyway"'));
  return [...form.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((match) => [
    match[1]!,
    match[2]!,
  ]);
}

describe('the report form sent again after going back to it', () => {
  let context: TestContext;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-12-07T10:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });

  const confirmEmails = () => count(context.services.knex, 'outbox', { kind: 'report-confirm' });

  it('makes no second report and no second email, and answers as the first send did', async () => {
    const { app, services } = context;
    const fields = validFields({
      title: 'Повалено дерево',
      email: 'Olga@Example.lv',
      phone: '+371 29111111',
    });
    const first = await postForm(app, fields, { lang: 'ru' }).expect(303);
    const again = await postForm(app, { ...fields, email: 'olga@example.lv' }, { lang: 'ru' }).expect(303);
    assert.equal(again.headers.location, first.headers.location);
    assert.match(String(again.headers['set-cookie']), /tilts-sent-to=olga%40example\.lv/);
    assert.equal(await count(services.knex, 'reports'), 1);
    assert.equal(await confirmEmails(), 1);
    // Nothing was counted toward the address's limit for the second send.
    const limits = (await services.knex('rate_limits').select('key', 'hits')) as {
      key: string;
      hits: number;
    }[];
    assert.equal(limits.length, 2);
    assert.ok(limits.every((row) => Number(row.hits) === 1));
  });

  it('makes none from the review page sent twice, its photo kept on the one report', async () => {
    const { app, services } = context;
    await makeReport(services, { category: 'roads', parish: 'kaunatas', title: 'Bedre Skolas ielā' });
    const before = await count(services.knex, 'reports');
    const emails = await confirmEmails();
    const review = await postForm(app, validFields(), {
      files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
      lang: 'en',
    }).expect(200);
    assert.equal(pendingIds(review.text).length, 1);
    const hidden = sendAnyway(review.text);
    await postForm(app, {}, { extra: hidden, lang: 'en' }).expect(303);
    // Back to the review page, and its button again: its photo is the first report's now.
    await postForm(app, {}, { extra: hidden, lang: 'en' }).expect(303);
    assert.equal(await count(services.knex, 'reports'), before + 1);
    assert.equal(await count(services.knex, 'report_photos'), 1);
    assert.equal(await confirmEmails(), emails + 1);
  });

  it('makes one report of a form without photos sent twice at once (a double click)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { app, services } = context;
    // Both sends look for an earlier report before either has made one, as on a busy server.
    const reports = services.reports;
    const look = reports.resendOf.bind(reports);
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothLooked = new Promise<void>((resolve) => (release = resolve));
    reports.resendOf = async (...args) => {
      const found = await look(...args);
      arrived += 1;
      if (arrived === 2) release();
      if (arrived <= 2) await bothLooked;
      return found;
    };
    const answers = await Promise.all([postForm(app, validFields()), postForm(app, validFields())]);
    assert.deepEqual(
      answers.map((res) => res.status),
      [303, 303],
    );
    assert.equal(await count(services.knex, 'reports'), 1);
    assert.equal(await confirmEmails(), 1);
  });

  it('makes a new report when anything was changed, a photo was added or half an hour has passed', async () => {
    const { app, services } = context;
    await postForm(app, validFields()).expect(303);
    await postForm(app, validFields({ description: 'Liela bedre ceļa vidū.' })).expect(303);
    await postForm(app, validFields({ phone: '29111111' })).expect(303);
    await postForm(app, validFields(), { files: [{ buffer: await jpeg(), filename: 'b.jpg' }] }).expect(303);
    now = new Date(now.getTime() + 31 * 60 * 1000);
    await postForm(app, validFields()).expect(303);
    assert.equal(await count(services.knex, 'reports'), 5);
    assert.equal(await confirmEmails(), 5);
  });

  it('says a report already confirmed was sent and confirmed, not to look for an email', async () => {
    const { app, services } = context;
    for (const category of ['roads', 'elderly-help']) {
      const fields = validFields({ category, email: 'Olga@Example.lv' });
      const first = await postForm(app, fields, { lang: 'en' }).expect(303);
      assert.match(first.headers.location!, /^\/reports\/sent\?(private=1&)?lang=en$/);
      await request(app)
        .post(await linkFrom(services.knex, 'report-confirm', 'reports'))
        .expect(200);
      const again = await postForm(app, { ...fields, email: 'olga@example.lv' }, { lang: 'en' }).expect(303);
      assert.equal(again.headers.location, '/reports/sent?confirmed=1&lang=en', category);
      // No address is carried to the page: nothing was sent to it.
      assert.doesNotMatch(String(again.headers['set-cookie'] ?? ''), /tilts-sent-to/);
    }
    assert.equal(await count(services.knex, 'reports'), 2);
    assert.equal(await confirmEmails(), 2);
    const titles = {
      lv: 'Šo ziņojumu jūs jau nosūtījāt',
      en: 'You have already sent this report',
      ru: 'Вы уже отправили это сообщение',
    };
    const refs = (await services.knex('reports').pluck('ref')) as string[];
    for (const [lang, title] of Object.entries(titles)) {
      const page = await request(app).get(`/reports/sent?confirmed=1&lang=${lang}`).expect(200);
      assert.ok(page.text.includes(`<html lang="${lang}">`), lang);
      assert.ok(page.text.includes(`<title>${title} — `), lang);
      assert.ok(page.text.includes(`<h1>${title}</h1>`), lang);
      assert.ok(page.text.includes('data-qa="report-already"'));
      assert.doesNotMatch(page.text, /example\.lv|check your email|Pārbaudiet|Проверьте/i);
      for (const ref of refs) assert.ok(!page.text.includes(ref), 'nothing of the report itself');
    }
    // A report not yet confirmed still sends the resident to look for its email (past the review
    // of the one confirmed nearby).
    const other = { extra: [['reviewed', '1']] as [string, string][], lang: 'en' };
    await postForm(app, validFields({ title: 'Cita bedre' }), other).expect(303);
    const unconfirmed = await postForm(app, validFields({ title: 'Cita bedre' }), other).expect(303);
    assert.equal(unconfirmed.headers.location, '/reports/sent?lang=en');
  });

  it('makes a new report when the first was withdrawn', async () => {
    const { app, services } = context;
    await postForm(app, validFields()).expect(303);
    await services.knex('reports').update({ withdrawn_at: now });
    await postForm(app, validFields()).expect(303);
    assert.equal(await count(services.knex, 'reports'), 2);
  });
});
