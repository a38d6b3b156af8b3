import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';
import { confirmedFollower } from '../support/reports.js';
import { addStaff, NOVADS_ADMIN, postForm, signIn, type StaffBrowser } from '../support/staff.js';

interface Mail {
  to_email: string;
  language: string;
  subject: string;
  text_body: string;
}

/**
 * Staff move a report to another parish: its reporter (and a public report's followers) hear
 * where it now goes, each in their own language, once; its page's history says so, naming no one.
 */
describe('a report moved to another parish tells its reporter and followers', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  let report: Report;
  const move = (to: { category?: string; parish: string }) =>
    postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: to.category ?? 'roads',
      parish: to.parish,
    });
  const movedMail = async (): Promise<Mail[]> =>
    (await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-update' })
      .orderBy('to_email')
      .select('to_email', 'language', 'subject', 'text_body')) as Mail[];

  beforeEach(async () => {
    context = await makeApp();
    admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
  });

  it('emails the reporter and a follower in each one’s language, with their own page, once', async () => {
    report = await routedReport(context, { language: 'ru' });
    await confirmedFollower(context.services, report, {
      email: 'kaimins@example.org',
      name: 'Kaimiņš',
      language: 'en',
    });
    await move({ parish: 'maltas' }).expect(303);
    // The same form sent again (Back, then Save): nothing moves, nobody is told twice.
    await move({ parish: 'maltas' });
    const mail = await movedMail();
    assert.deepEqual(
      mail.map((one) => [one.to_email, one.language]),
      [
        ['janis@example.org', 'ru'],
        ['kaimins@example.org', 'en'],
      ],
    );
    const [reporter, follower] = mail as [Mail, Mail];
    assert.match(reporter.subject, /передано другому управлению: волость Малта/);
    assert.match(reporter.text_body, /теперь рассматривает другое управление: волость Малта/);
    assert.match(reporter.text_body, new RegExp(`/reports/${report.ref}\\?token=\\S*lang=ru`));
    assert.match(follower.subject, /now goes to another administration: Malta parish/);
    assert.match(follower.text_body, /now goes to the administration of Malta parish/);
    assert.match(follower.text_body, new RegExp(`/reports/${report.ref}\\?lang=en`));
  });

  it('says on the public page where the report now goes, without who moved it', async () => {
    report = await routedReport(context);
    await move({ parish: 'maltas' }).expect(303);
    const en = await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(200);
    assert.match(en.text, /Now goes to the administration of Malta parish/);
    assert.doesNotMatch(en.text, /admin@example\.org/);
    // Said by Tilts, with no name of the one who moved it beside it.
    assert.match(
      en.text,
      /data-qa="timeline-who">Tilts<\/span>\s*<\/p>\s*<p[^>]*data-qa="timeline-change">Now goes to/,
    );
    const lv = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.match(lv.text, /Nodots citai pārvaldei: Maltas pagasts/);
  });

  it('of a private report, tells its reporter only and shows nothing in public', async () => {
    report = await routedReport(context);
    await confirmedFollower(context.services, report, {
      email: 'kaimins@example.org',
      name: 'Kaimiņš',
      language: 'lv',
    });
    await context.services.knex('reports').where({ id: report.id }).update({ is_private: true });
    await move({ parish: 'maltas' }).expect(303);
    assert.deepEqual(
      (await movedMail()).map((one) => one.to_email),
      ['janis@example.org'],
    );
    await request(context.app).get(`/reports/${report.ref}`).expect(404);
  });

  it('tells no one of a move to another category in the same parish', async () => {
    report = await routedReport(context);
    await move({ category: 'street-lighting', parish: 'kaunatas' }).expect(303);
    assert.deepEqual(await movedMail(), []);
  });
});
