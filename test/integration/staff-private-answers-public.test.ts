import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

const MINUTE = 60_000;

/**
 * A private report's answers are not checked as public ones (its one reader may need the number
 * given), so one may be signed. Made public again, the report would publish that signature: it
 * stays private, and the page names the answer, until an administrator hides it from the public.
 */
describe('making a report public again while an answer written in private holds a signature', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let admin: StaffBrowser;
  let report: Report;
  let workspace: StaffWorkspace;
  const later = (ms: number) => workspace.later(ms);

  const signed = 'Labdien! Zvanīsim jums rīt par bedri.\n\nAr cieņu,\nAnna Bērziņa\ntālr. 64600000';
  const rows = (action: string) => context.services.knex('audit_log').where({ action });
  const updateOf = async (text: string) =>
    (await context.services
      .knex('report_updates')
      .where({ report_id: report.id, public_text: text })
      .first()) as {
      id: number;
    };

  const hiddenAt = async (id: number) =>
    ((await context.services.knex('report_updates').where({ id }).first()) as { hidden_at: Date | null })
      .hidden_at;

  beforeEach(async () => {
    workspace = await staffWorkspace();
    ({ context, worker, clerk, admin } = workspace);
    report = workspace.kaunataPublic;
    // Written while public (checked then), and a reply by email with a phone in it, masked in public.
    await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      status: 'in_progress',
      publicText: 'Darbi sāksies pirmdien.',
    }).expect(303);
    later(MINUTE);
    await context.services.knex('report_updates').insert({
      report_id: report.id,
      author_kind: 'recipient',
      channel: 'email',
      public_text: 'Jautājumus zvaniet 64601111.',
      is_public: true,
      created_at: later(MINUTE),
    });
    later(MINUTE);
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, { make: 'private' }).expect(303);
    later(MINUTE);
    // Private now: the answer is not checked, and its one reader gets it signed.
    await postForm(worker, `/staff/reports/${report.ref}/update`, { publicText: signed }).expect(303);
    later(MINUTE);
  });

  it('keeps private a report whose private answer greets a reporter who kept their name back', async () => {
    const greeted = (
      await makeReport(context.services, { title: 'Bedre pie pasta', email: 'janis@example.lv' })
    ).report;
    await postForm(worker, `/staff/reports/${greeted.ref}/privacy`, { make: 'private' }).expect(303);
    later(MINUTE);
    await postForm(worker, `/staff/reports/${greeted.ref}/update`, {
      publicText: 'Labdien, Jāni! Zvanīsim jums rīt.',
    }).expect(303);
    later(MINUTE);
    const res = await postForm(worker, `/staff/reports/${greeted.ref}/privacy?lang=en`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(422);
    const error = /data-qa="error-privacy">([\s\S]*?)<\/p>/.exec(res.text)![1]!;
    assert.match(error, /or the name of a resident who chose not to show it/);
    assert.match(error, /“Labdien, Jāni! Zvanīsim/);
    assert.equal((await context.services.knex('reports').where({ id: greeted.id }).first()).is_private, true);
  });

  it('keeps it private, names the answer and keeps the reason typed; nothing is written', async () => {
    const notes = await context.services.knex('report_updates').where({ report_id: report.id });
    const res = await postForm(worker, `/staff/reports/${report.ref}/privacy?lang=en`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(422);
    // Said at the top and in the form, with the answer's date and first words.
    assert.match(res.text, /class="error-summary"[^>]*autofocus/);
    const error = /data-qa="error-privacy">([\s\S]*?)<\/p>/.exec(res.text)![1]!;
    assert.match(error, /The report stays private: answers written while it was private hold a signature/);
    assert.match(
      error,
      /\d{1,2} December \d{4} at \d{2}:\d{2} “Labdien! Zvanīsim jums rīt par bedri\. Ar cieņu, …”/,
    );
    // Only that one: the answers written while it was public were checked then (or are masked).
    assert.doesNotMatch(error, /Darbi sāksies|64601111/);
    assert.match(res.text, /id="privacy-reason"[^>]*>Tas skar visu ielu\.<\/textarea>/);
    assert.equal((await context.services.knex('reports').where({ id: report.id }).first()).is_private, true);
    await request(context.app).get(`/reports/${report.ref}`).expect(404);
    assert.equal(
      (await context.services.knex('report_updates').where({ report_id: report.id })).length,
      notes.length,
    );
    assert.equal((await rows('report.public')).length, 0);

    // In Latvian and Russian too, each in its own words and dates.
    const lv = await postForm(worker, `/staff/reports/${report.ref}/privacy?lang=lv`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(422);
    assert.match(lv.text, /Ziņojums paliek privāts: [^<]*decembr[^<]*“Labdien! Zvanīsim/);
    const ru = await postForm(worker, `/staff/reports/${report.ref}/privacy?lang=ru`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(422);
    assert.match(ru.text, /Сообщение остаётся частным: [^<]*декабря[^<]*«Labdien! Zvanīsim/);
  });

  it('makes it public once an administrator hid that answer: the public never reads the signature', async () => {
    const { id } = await updateOf(signed);
    await postForm(admin, `/staff/moderation/reports/${report.ref}/updates/${id}/hide`, {
      reason: 'Paraksts privātā atbildē.',
    }).expect(303);
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(303);
    const page = await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(200);
    assert.match(page.text, /Darbi sāksies pirmdien\./);
    assert.doesNotMatch(page.text, /Bērziņa|Zvanīsim|64600000/);
    const feed = await request(context.app).get(`/reports/${report.ref}/feed.atom`).expect(200);
    assert.doesNotMatch(feed.text, /Bērziņa|Zvanīsim/);
    // Kept for staff, as written.
    const staffPage = await worker.agent.get(`/staff/reports/${report.ref}`).expect(200);
    assert.match(staffPage.text, /Anna Bērziņa/);
  });

  it('keeps that answer hidden once the report is public: a moderator cannot show the signature again', async () => {
    const { id } = await updateOf(signed);
    const hidePath = `/staff/moderation/reports/${report.ref}/updates/${id}`;
    await postForm(admin, `${hidePath}/hide`, { reason: 'Paraksts privātā atbildē.' }).expect(303);
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(303);
    const audited = (await rows('moderation.unhide')).length;
    await postForm(admin, `${hidePath}/unhide`, {})
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${report.ref}?done=keptSigned`);
    const said = await admin.agent.get(`/staff/moderation/reports/${report.ref}?done=keptSigned&lang=en`);
    assert.match(said.text, /It stays hidden: it is an answer written while the report was private/);
    assert.notEqual(await hiddenAt(id), null, 'still hidden');
    assert.equal((await rows('moderation.unhide')).length, audited, 'nothing logged');
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.doesNotMatch(page.text, /Bērziņa|Zvanīsim/);

    // An answer written while the report was public is shown again as before.
    const { id: checked } = await updateOf('Darbi sāksies pirmdien.');
    const path = `/staff/moderation/reports/${report.ref}/updates/${checked}`;
    await postForm(admin, `${path}/hide`, { reason: 'Pārbaude.' }).expect(303);
    await postForm(admin, `${path}/unhide`, {})
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${report.ref}?done=shown&lang=en`);
    assert.equal(await hiddenAt(checked), null);
  });

  it('lets an answer written in private with nothing to remove go public with the report', async () => {
    const { id } = await updateOf(signed);
    await context.services.knex('report_updates').where({ id }).update({ public_text: 'Zvanīsim jums rīt.' });
    await postForm(worker, `/staff/reports/${report.ref}/privacy`, {
      make: 'public',
      reason: 'Tas skar visu ielu.',
    }).expect(303);
    assert.match(
      (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text,
      /Zvanīsim jums rīt\./,
    );
  });
});
