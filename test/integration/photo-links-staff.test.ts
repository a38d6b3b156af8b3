import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { makeReport } from '../support/reports.js';
import { addStaff, NOVADS_ADMIN, signIn, type StaffBrowser } from '../support/staff.js';

const HOUR = 60 * 60_000;

/**
 * A private report's photo as the staff workspace links it: signed for the member reading the
 * page, for as long as a session can last, and no longer once they are deactivated.
 */
describe('photo links on the staff workspace’s pages', () => {
  const app = eachTest(async () => {
    const clock = { now: new Date() };
    const context: TestContext = await makeApp({}, { clock: () => clock.now });
    const { report, photoKeys } = await makeReport(context.services, { category: 'elderly-help', photos: 1 });
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    return {
      context,
      admin,
      ref: report.ref,
      key: photoKeys[0]!,
      later: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)),
    };
  });

  /** The photo's thumbnail and full links on the report's page, as the member's browser reads them. */
  const linksOn = async (browser: StaffBrowser) => {
    const { ref, key } = app();
    const page = await browser.agent.get(`/staff/reports/${ref}`).expect(200);
    const thumb = new RegExp(`src="(/photos/${key}/thumb\\?sig=[^"]+)"`).exec(page.text)?.[1];
    const full = new RegExp(`href="(/photos/${key}\\?sig=[^"]+)"`).exec(page.text)?.[1];
    assert.ok(thumb && full, 'the page shows the photo by signed links');
    return { thumb, full };
  };

  const refused = async (path: string) => {
    const res = await request(app().context.app).get(`${path}&lang=en`).expect(410);
    assert.match(res.text, /<h1[^>]*>This link no longer works<\/h1>/, 'its heading says what happened');
    assert.match(res.text, /This photo link no longer works/);
  };

  it('serves them while they last, then says they no longer work', async () => {
    const { context, admin, key } = app();
    const { thumb, full } = await linksOn(admin);
    assert.doesNotMatch(full, new RegExp(`sig=${context.services.links.photoSignature(key)}$`));
    const served = await request(context.app).get(full).expect(200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal(served.headers['cache-control'], 'private, no-store');
    assert.equal(served.headers['x-robots-tag'], 'noindex');
    app().later(11 * HOUR);
    await request(context.app).get(thumb).expect(200);
    app().later(HOUR + 60_000);
    await refused(thumb);
    await refused(full);
    // Signed in again, the page links it afresh.
    const again = await linksOn(await signIn(context, admin.member, admin.secret));
    await request(context.app).get(again.full).expect(200);
  });

  it('stops serving them once the member they were signed for is deactivated', async () => {
    const { context, admin } = app();
    const { thumb, full } = await linksOn(admin);
    await context.services.knex('staff_members').where({ id: admin.member.id }).update({ active: false });
    await refused(thumb);
    await refused(full);
  });

  it('serves no other photo, and nothing to a link changed to name another member or end later', async () => {
    const { context, admin, key } = app();
    const { full } = await linksOn(admin);
    const sig = new URL(full, 'http://tilts.test').searchParams.get('sig')!;
    const [staffId, expires, mac] = sig.split('.');
    const other = (await makeReport(context.services, { category: 'elderly-help', photos: 1 })).photoKeys[0]!;
    await request(context.app).get(`/photos/${other}?sig=${sig}`).expect(404);
    await request(context.app)
      .get(`/photos/${key}?sig=${Number(staffId) + 1}.${expires}.${mac}`)
      .expect(404);
    const later = (parseInt(expires!, 36) + 3600).toString(36);
    await request(context.app).get(`/photos/${key}?sig=${staffId}.${later}.${mac}`).expect(404);
  });
});
