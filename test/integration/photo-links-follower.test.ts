import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, hideReport, makeReport, pendingPhotos, testJpeg } from '../support/reports.js';
import { routedReport } from '../support/reports.inbound.js';

/** The photo links of the newest update email to `to`, as paths to ask the app for. */
async function photoLinks(context: TestContext, to: string): Promise<string[]> {
  const mail = await context.services
    .knex('outbox')
    .where({ kind: 'report-update', to_email: to })
    .orderBy('id', 'desc')
    .first('text_body');
  const base = context.services.config.publicUrl;
  const urls = [...String(mail.text_body).matchAll(/https?:\/\/\S+\/photos\/\S+/g)].map((match) => match[0]);
  return urls.map((url) => url.slice(base.length));
}

describe('photo links in an update email to a follower', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  async function commentWithPhoto() {
    const { app, services } = context;
    const { report, token } = await makeReport(services, { email: 'anna@example.lv' });
    await confirmedFollower(services, report, { email: 'olga@example.lv', name: 'Olga', language: 'en' });
    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .field('token', token)
      .field('text', 'Bedre kļūst lielāka.')
      .attach('photos', await testJpeg(), 'bedre.jpg')
      .field('action', 'comment')
      .expect(303);
    const follower = await photoLinks(context, 'olga@example.lv');
    assert.equal(follower.length, 1, 'the follower’s email links the photo');
    await request(app).get(follower[0]!).expect(200);
    return { report, follower };
  }

  // A follower is anyone who typed an address on a public page, and emails get forwarded: their
  // link is the public one, which stops with the report's being public, not a signed link for ever.
  it('stops working once the report is made private', async () => {
    const { report, follower } = await commentWithPhoto();
    assert.doesNotMatch(follower[0]!, /sig=/);
    await context.services.knex('reports').where({ id: report.id }).update({ is_private: true });
    await request(context.app).get(follower[0]!).expect(404);
  });

  it('stops working once a moderator hid the report', async () => {
    const { report, follower } = await commentWithPhoto();
    await hideReport(context.services, report);
    await request(context.app).get(follower[0]!).expect(404);
  });

  it('stays signed in its reporter’s email, who may still see the report and its photo once it is private', async () => {
    const { app, services } = context;
    const report = await routedReport(context);
    await confirmedFollower(services, report, { email: 'olga@example.lv', name: 'Olga', language: 'en' });
    const [office] = await services.routing.recipients(report.id);
    const photos = await pendingPhotos(services, 1);
    await services.knex.transaction((trx) =>
      services.reportUpdates.recordRecipientUpdate(trx, report.id, {
        recipient: office!,
        channel: 'web',
        toStatus: 'in_progress',
        publicText: 'Bedri aizlāpīsim nedēļas laikā.',
        photos,
      }),
    );
    const reporter = await photoLinks(context, 'janis@example.org');
    const follower = await photoLinks(context, 'olga@example.lv');
    assert.equal(reporter.length, 1);
    assert.match(reporter[0]!, /sig=/);
    assert.doesNotMatch(follower[0]!, /sig=/);
    await services.knex('reports').where({ id: report.id }).update({ is_private: true });
    await request(app).get(reporter[0]!).expect(200);
    await request(app).get(follower[0]!).expect(404);
  });
});
