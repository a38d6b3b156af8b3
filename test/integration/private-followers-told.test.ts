import assert from 'node:assert/strict';
import request from 'supertest';
import type { TestContext } from '../support/app.js';
import { confirmedFollower, makeReport } from '../support/reports.js';
import { postForm } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import { adminWorld } from './admin-helpers.js';

type Language = 'lv' | 'en' | 'ru';
const FOLLOWERS: Record<Language, string> = {
  lv: 'sekotajs@example.lv',
  en: 'follower@example.org',
  ru: 'podpischik@example.org',
};
/** What each language's notice says (its subject and its first words). */
const SAYS: Record<Language, { subject: RegExp; parish: string }> = {
  lv: { subject: /vairs nav publisks/, parish: 'Kaunatas' },
  en: { subject: /is no longer public/, parish: 'Kaunata' },
  ru: { subject: /больше не публично/, parish: 'Каунат' },
};

interface Mail {
  kind: string;
  to_email: string;
  subject: string;
  text_body: string;
  html_body: string;
  report_id: number;
}

const follow = async (context: TestContext, report: { id: number; ref: string }) => {
  for (const [language, email] of Object.entries(FOLLOWERS) as [Language, string][])
    await confirmedFollower(context.services, report, { email, name: 'S', language });
};
const mailsAbout = async (context: TestContext, reportId: number) =>
  (await context.services.knex('outbox').where({ report_id: reportId }).orderBy('id')) as Mail[];

/** Each follower got one notice in their language: its title and parish, no dead link, no more. */
function assertTold(mails: Mail[], report: { ref: string; title: string; description: string }) {
  const notices = mails.filter((mail) => mail.kind === 'report-private');
  assert.deepEqual(notices.map((mail) => mail.to_email).sort(), Object.values(FOLLOWERS).sort(), 'each once');
  for (const [language, email] of Object.entries(FOLLOWERS) as [Language, string][]) {
    const mail = notices.find((notice) => notice.to_email === email)!;
    assert.match(mail.subject, SAYS[language].subject, language);
    assert.match(mail.subject, new RegExp(report.ref));
    assert.ok(mail.text_body.includes(report.title), `${language}: the title they followed`);
    assert.ok(mail.text_body.includes(SAYS[language].parish), `${language}: its parish`);
    assert.ok(mail.text_body.includes(`/reports?parish=kaunatas&lang=${language}`), 'its parish’s reports');
    for (const body of [mail.text_body, mail.html_body]) {
      assert.doesNotMatch(body, /\{\{|\$t\(|undefined/, `${language}: every word said`);
      assert.ok(!body.includes(`/reports/${report.ref}`), `${language}: no link to the page now gone`);
      assert.ok(!body.includes(report.description.split('\n')[0]!), `${language}: not its description`);
    }
  }
}

describe('followers of a public report made private: each is told once', () => {
  it('by staff: each follower in their language, its reporter not (their own page still opens)', async () => {
    const { context, worker, kaunataPublic: report } = await staffWorkspace();
    await follow(context, report);
    const before = await mailsAbout(context, report.id);
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, { make: 'private' }).expect(303);
    const added = (await mailsAbout(context, report.id)).slice(before.length);
    assertTold(added, report);
    assert.deepEqual(
      added.filter((mail) => mail.to_email === report.reporterEmail),
      [],
      'nothing to its reporter',
    );
    await request(context.app).get(`/reports/${report.ref}`).expect(404);
    const own = context.services.links.reporterToken(report.ref);
    await request(context.app).get(`/reports/${report.ref}?token=${own}`).expect(200);
    await request(context.app).get('/reports?parish=kaunatas&lang=en').expect(200);
    // Sent again (Back, then Save), it is private already: nobody is told twice.
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, { make: 'private' });
    assert.equal((await mailsAbout(context, report.id)).length, before.length + added.length);
  });

  it('by staff moving it into a private category: told it is private, not where it went', async () => {
    const { context, admin, kaunataPublic: report } = await staffWorkspace();
    await context.services.knex('categories').where({ code: 'waste' }).update({ visibility: 'private' });
    await context.services.reference.reload();
    await follow(context, report);
    const before = await mailsAbout(context, report.id);
    await postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: 'waste',
      parish: 'kaunatas',
    }).expect(303);
    const added = (await mailsAbout(context, report.id)).slice(before.length);
    const toFollowers = added.filter((mail) => Object.values(FOLLOWERS).includes(mail.to_email));
    assertTold(toFollowers, report);
  });

  it('by an admin making its category private: the followers of each of its public reports', async () => {
    const { context, admin } = await adminWorld();
    const waste = (await makeReport(context.services, { category: 'waste', title: 'Izgāztuve pie meža' }))
      .report;
    const unfollowed = (await makeReport(context.services, { category: 'waste' })).report;
    const roads = (await makeReport(context.services, { category: 'roads', title: 'Bedre pie skolas' }))
      .report;
    await follow(context, waste);
    await follow(context, roads);
    const [before, beforeRoads] = [await mailsAbout(context, waste.id), await mailsAbout(context, roads.id)];
    await postForm(admin, '/staff/admin/categories/waste', {
      name_lv: 'Atkritumi',
      name_en: 'Waste',
      name_ru: 'Мусор',
      visibility: 'private',
      target_days: '3',
      active: '1',
      confirm: 'yes',
    }).expect(303);
    assert.ok((await context.services.knex('reports').where({ id: waste.id }).first()).is_private);
    // The save only noted them; the scheduler's job tells them (admin-category-private-notices.test.ts).
    assert.deepEqual((await mailsAbout(context, waste.id)).slice(before.length), [], 'not in the save');
    assert.equal(await context.services.privateNotices.sendDue(), 1);
    const added = (await mailsAbout(context, waste.id)).slice(before.length);
    assertTold(added, waste);
    assert.ok(!added.some((mail) => mail.to_email === waste.reporterEmail), 'nothing to its reporter');
    const unfollowedMail = await mailsAbout(context, unfollowed.id);
    assert.ok(!unfollowedMail.some((mail) => mail.kind === 'report-private'), 'followed by none: nothing');
    assert.equal(
      (await mailsAbout(context, roads.id)).length,
      beforeRoads.length,
      'another category’s: nothing',
    );
  });
});
