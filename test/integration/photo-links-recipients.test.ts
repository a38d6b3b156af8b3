import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { makeReport, testJpeg } from '../support/reports.js';

const DAY = 24 * 60 * 60_000;

/** The photo links of the newest email of `kind`, as paths to ask the app for. */
async function photoLinks(context: TestContext, kind: string): Promise<string[]> {
  const mail = await context.services.knex('outbox').where({ kind }).orderBy('id', 'desc').first('text_body');
  const base = context.services.config.publicUrl;
  return [...String(mail.text_body).matchAll(/https?:\/\/\S+\/photos\/\S+/g)].map((match) =>
    match[0].slice(base.length),
  );
}

/**
 * A private report's email to its recipients is all a parish has of it: its photo links last as
 * the status links beside them do, 60 days, and then say they no longer work; the reporter's own
 * links are not theirs and keep working.
 */
describe('photo links in the emails to a report’s recipients', () => {
  const app = eachTest(async () => {
    const clock = { now: new Date() };
    const context = await makeApp({}, { clock: () => clock.now });
    return { context, later: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)) };
  });

  const refused = async (path: string) => {
    // The email's link names its reader's language (Latvian here): the page is read in English.
    const english = path.replace(/&lang=\w+$/, '') + '&lang=en';
    const res = await request(app().context.app).get(english).expect(410);
    assert.match(res.text, /This photo link no longer works/);
  };

  it('serve a private report’s photo for 60 days, the new report’s and the reporter’s comment’s alike', async () => {
    const { context, later } = app();
    const { report, token, photoKeys } = await makeReport(context.services, {
      category: 'elderly-help',
      photos: 1,
    });
    const sent = (await photoLinks(context, 'report-new'))[0] ?? '';
    assert.ok(sent.startsWith(`/photos/${photoKeys[0]}?sig=`), 'the email links the photo, signed');
    await request(context.app)
      .post(`/reports/${report.ref}/actions`)
      .field('token', token)
      .field('text', 'Vēl viena fotogrāfija.')
      .attach('photos', await testJpeg(), 'vel.jpg')
      .field('action', 'comment')
      .expect(303);
    const relayed = (await photoLinks(context, 'report-relay'))[0] ?? '';
    assert.ok(relayed, 'the comment’s email to the parish links its photo');
    const reporterPage = context.services.links
      .photo(photoKeys[0]!)
      .slice(context.services.config.publicUrl.length);
    later(59 * DAY);
    await request(context.app).get(sent).expect(200);
    await request(context.app).get(relayed).expect(200);
    later(DAY + 60_000);
    await refused(sent);
    await refused(relayed);
    // The reporter's own link is theirs as their page's is: it does not end.
    await request(context.app).get(reporterPage).expect(200);
  });
});
