import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import { askForHelp } from './help-requests-helpers.js';

interface OutboxRow {
  to_email: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  report_id: number;
}

/** A colleague a report is assigned to hears of it by email, in their own language, once. */
describe('the staff workspace: assigning a report tells the colleague', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let admin: StaffBrowser;
  let report: Report;

  const assigned = (to?: string) =>
    context.services
      .knex('outbox')
      .where({ kind: 'staff-assigned', ...(to ? { to_email: to } : {}) })
      .orderBy('id') as Promise<OutboxRow[]>;
  const assign = (who: StaffBrowser, ref: string, staffId: number | '') =>
    postForm(who, `/staff/reports/${ref}/assign`, { staffId: String(staffId) }).expect(303);

  beforeEach(async () => {
    ({ context, worker, clerk, admin } = await staffWorkspace());
    report = (
      await makeReport(context.services, {
        title: 'Bedre pie Jāņa Bērziņa mājas',
        description: 'Zvaniet man: 29 12 34 56.',
        name: 'Jānis Bērziņš',
        email: 'janis.berzins@example.lv',
        phone: '+371 29123456',
      })
    ).report;
  });

  it('emails the colleague in their language: the number, the title and the link, never the reporter’s contact', async () => {
    await context.services.knex('staff_members').where({ id: clerk.member.id }).update({ language: 'ru' });
    await assign(worker, report.ref, clerk.member.id);
    const [mail, ...more] = await assigned();
    assert.ok(mail, 'an email to the colleague');
    assert.equal(more.length, 0);
    assert.equal(mail.to_email, clerk.member.email);
    assert.equal(mail.report_id, report.id);
    assert.equal(mail.language, 'ru');
    assert.match(mail.subject, new RegExp(`${report.ref}`));
    assert.match(mail.subject, /Вам поручено сообщение/);
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, new RegExp(report.ref));
      assert.match(body, /Bedre pie/);
      assert.match(body, new RegExp(`http://tilts\\.test/staff/reports/${report.ref}\\?lang=ru`));
      assert.match(body, new RegExp(worker.member.name), 'who assigned it');
      for (const contact of [/janis\.berzins@example\.lv/, /29123456/, /29 12 34 56/, /Bērziņ/])
        assert.doesNotMatch(body, contact);
    }
  });

  it('emails once: not again for the same assignment saved again, nor to one who assigns to themselves', async () => {
    await assign(worker, report.ref, clerk.member.id);
    await assign(worker, report.ref, clerk.member.id);
    assert.equal((await assigned(clerk.member.email)).length, 1, 'the same assignment saved again');
    await assign(worker, report.ref, worker.member.id);
    await assign(worker, report.ref, '');
    assert.equal((await assigned(worker.member.email)).length, 0, 'one who takes it themselves');
    assert.equal((await assigned()).length, 1);
    // Assigned anew after another, the colleague is told again.
    await assign(worker, report.ref, clerk.member.id);
    assert.equal((await assigned(clerk.member.email)).length, 2);
  });

  it('changes nothing when the same assignment is saved again: no note, no audit entry, no email, and says so', async () => {
    const notes = () =>
      context.services.knex('report_updates').where({ report_id: report.id }).count({ n: '*' }).first();
    const audits = () =>
      context.services
        .knex('audit_log')
        .where({ action: 'report.assign', object_id: report.ref })
        .count({ n: '*' })
        .first();
    const counts = async () => ({
      notes: Number((await notes())?.n),
      audits: Number((await audits())?.n),
      mails: (await assigned()).length,
    });
    const first = await assign(worker, report.ref, clerk.member.id);
    assert.equal(first.headers.location, `/staff/reports/${report.ref}?done=assign`);
    const once = await counts();
    assert.equal(once.audits, 1);
    for (const lang of ['lv', 'en', 'ru']) {
      // Sent in each language: the page it leads to keeps it (Latvian, the default, needs no lang=).
      const again = await postForm(worker, `/staff/reports/${report.ref}/assign?lang=${lang}`, {
        staffId: String(clerk.member.id),
      }).expect(303);
      assert.equal(
        again.headers.location,
        `/staff/reports/${report.ref}?done=assignUnchanged${lang === 'lv' ? '' : `&lang=${lang}`}`,
      );
      assert.deepEqual(await counts(), once, 'nothing written again');
      const page = await worker.agent.get(again.headers.location!).expect(200);
      const said = {
        lv: /Nekas nemainījās: ziņojums jau bija piešķirts tā/,
        en: /Nothing changed: the report was already assigned that way/,
        ru: /Ничего не изменилось: сообщение уже было поручено так/,
      }[lang]!;
      assert.match(page.text, said, lang);
    }
    // Nobody, saved again while nobody has it, is nothing too; the first release is a change.
    await assign(worker, report.ref, '');
    const released = await counts();
    assert.equal(released.audits, 2);
    const nobody = await assign(worker, report.ref, '');
    assert.match(String(nobody.headers.location), /done=assignUnchanged&lang=ru$/);
    assert.deepEqual(await counts(), released);
  });

  it('tells of a request for help as one, its title in the colleague’s language', async () => {
    await context.services.knex('staff_members').where({ id: admin.member.id }).update({ language: 'en' });
    const asked = await askForHelp(context);
    await assign(worker, asked.ref, admin.member.id);
    const [mail] = await assigned(admin.member.email);
    assert.ok(mail);
    assert.equal(mail.language, 'en');
    assert.match(mail.subject, /A request for help was assigned to you/);
    assert.match(mail.text_body, /Request for help/);
    assert.doesNotMatch(mail.text_body, /Lūgums pēc palīdzības|Valentīna|2000 0001/);
  });
});
