import assert from 'node:assert/strict';
import request from 'supertest';
import { makeReport } from '../support/reports.js';
import { postForm } from '../support/staff.js';
import { askForHelp, count, forOtherFields, requestFields } from './help-requests-helpers.js';
import { auditRows, helpStaff, panelOf } from './help-requests-staff-helpers.js';

describe('requests for help in the staff workspace', () => {
  const staff = helpStaff();

  describe('making a private report a request', () => {
    it('records the help details, tells the person by email, and writes an audit row', async () => {
      const { context, worker } = staff();
      const { report } = await makeReport(context.services, {
        category: 'social-other',
        title: 'Vientuļš kaimiņš',
      });
      const form = await worker.agent.get(`/staff/help/requests/${report.ref}/new?lang=en`).expect(200);
      assert.match(form.text, /Make this report a request for help/);
      assert.match(form.text, /The one who reported it/);
      const refused = await postForm(worker, `/staff/help/requests/${report.ref}/new?lang=en`, {
        for_whom: 'other',
        subject_name: 'Kārlis',
        wants: 'visit',
      }).expect(422);
      assert.match(refused.text, /Say whether the person knows that you are asking and agrees\./);
      assert.match(refused.text, /value="Kārlis"/);
      assert.equal(await count(context.services.knex, 'help_requests'), 0);
      const done = await postForm(worker, `/staff/help/requests/${report.ref}/new`, {
        for_whom: 'other',
        subject_name: 'Kārlis Ozols',
        subject_knows: 'yes',
        subject_email: 'karlis@example.lv',
        kinds: ['company', 'digital'],
        wants: 'visit',
        days: ['mon'],
        speaks: ['lv'],
      }).expect(303);
      assert.equal(done.headers.location, `/staff/reports/${report.ref}?done=helpRequestMade&lang=en`);
      const help = await context.services.knex('help_requests').where({ report_id: report.id }).first();
      assert.equal(help.kinds, 'company,digital');
      assert.equal(help.wants, 'visit');
      assert.ok(help.subject_told_at);
      const mail = await context.services.knex('outbox').where({ kind: 'help-request-subject' }).first();
      assert.equal(mail.to_email, 'karlis@example.lv');
      assert.equal(mail.language, 'lv');
      assert.match(mail.text_body, /^Jānis Bērziņš lūdza, lai jums palīdz sociālais darbinieks/m);
      const [audit] = await auditRows(context, 'help.request.create');
      assert.equal(audit.object_id, report.ref);
      assert.doesNotMatch(JSON.stringify(audit.after), /karlis|Kārlis/);
      // A second time, it already is one.
      const again = await worker.agent.get(`/staff/help/requests/${report.ref}/new?lang=en`).expect(409);
      assert.match(again.text, /This report is already a request for help\./);
      await postForm(worker, `/staff/help/requests/${report.ref}/new`, {
        for_whom: 'self',
        wants: 'visit',
      }).expect(409);
    });

    it('refuses a public report, and anything outside the user’s scope or role', async () => {
      const { context, worker, maltaWorker, clerk, admin } = staff();
      const { report: open } = await makeReport(context.services, { title: 'Bedre' });
      const refused = await worker.agent.get(`/staff/help/requests/${open.ref}/new?lang=en`).expect(409);
      assert.match(refused.text, /A public report cannot become a request for help/);
      const { report: closed } = await makeReport(context.services, { category: 'elderly-help' });
      await maltaWorker.agent.get(`/staff/help/requests/${closed.ref}/new`).expect(404);
      await postForm(maltaWorker, `/staff/help/requests/${closed.ref}/new`, {
        for_whom: 'self',
        wants: 'visit',
      }).expect(404);
      await clerk.agent.get(`/staff/help/requests/${closed.ref}/new`).expect(403);
      await admin.agent.get(`/staff/help/requests/${closed.ref}/new`).expect(200);
      await worker.agent
        .post(`/staff/help/requests/${closed.ref}/new`)
        .type('form')
        .send({ for_whom: 'self', wants: 'visit' })
        .expect(403);
      await request(context.app).get(`/staff/help/requests/${closed.ref}/new`).expect(303);
      await worker.agent.get('/staff/help/requests/RZN-2026-99999/new').expect(404);
      assert.equal(await count(context.services.knex, 'help_requests'), 0);
    });
  });

  describe('the panel on the staff report page', () => {
    it('shows the help details, and asks to tell by phone a person who has only a phone', async () => {
      const { context, worker, maltaWorker, clerk, admin } = staff();
      const { ref, id } = await askForHelp(
        context,
        forOtherFields({
          subject_email: '',
          subject_phone: '29 000 002',
          subject_knows: 'no',
          wants: 'call_back',
        }),
      );
      const html = await panelOf(worker, ref);
      assert.match(html, /data-qa="help-for-whom">Someone else</);
      assert.match(html, /data-qa="help-subject">\s*Anna Liepa\s*<br><a href="tel:29000002">29 000 002<\/a>/);
      assert.match(html, /data-qa="help-subject-knows">No, they do not know yet</);
      assert.match(html, /data-qa="help-wants">A call back from the social worker</);
      assert.match(html, /data-qa="help-kinds">Transport \(lifts to town and back\), Shopping and pharmacy</);
      assert.match(html, /data-qa="help-tell-phone"/);
      assert.match(html, /tell them by phone/);
      assert.match(html, new RegExp(`action="/staff/help/requests/${ref}/told\\?lang=en"`));
      assert.match(html, /export\.json/);
      assert.match(html, new RegExp(`href="/staff/help/requests/${ref}" data-qa="help-desk-link"`));
      // A clerk never sees a private request; an admin sees it and may act.
      await clerk.agent.get(`/staff/reports/${ref}`).expect(404);
      assert.match(await panelOf(admin, ref), /help-told-form/);

      await worker.agent.post(`/staff/help/requests/${ref}/told`).type('form').send({}).expect(403);
      await postForm(maltaWorker, `/staff/help/requests/${ref}/told`).expect(404);
      const done = await postForm(worker, `/staff/help/requests/${ref}/told`).expect(303);
      assert.equal(done.headers.location, `/staff/reports/${ref}?done=helpSubjectTold&lang=en`);
      const help = await context.services.knex('help_requests').where({ report_id: id }).first();
      assert.ok(help.subject_told_at);
      assert.equal((await auditRows(context, 'help.request.told')).length, 1);
      await postForm(worker, `/staff/help/requests/${ref}/told`).expect(303);
      assert.equal((await auditRows(context, 'help.request.told')).length, 1, 'recorded once');
      const after = await panelOf(worker, ref, 'lv');
      assert.doesNotMatch(after, /help-tell-/);
      assert.match(after, /data-qa="help-subject-told">\d/);
    });

    it('says when nobody can be reached to tell, and offers a private report to become a request', async () => {
      const { context, worker, admin } = staff();
      const { ref } = await askForHelp(
        context,
        forOtherFields({ subject_email: '', subject_phone: '', phone: '29000004', email: '' }),
      );
      assert.match(await panelOf(admin, ref, 'ru'), /data-qa="help-tell-none"/);
      const { report } = await makeReport(context.services, { category: 'elderly-help' });
      const convert = await panelOf(worker, report.ref);
      assert.match(convert, new RegExp(`href="/staff/help/requests/${report.ref}/new"`));
      const { report: open } = await makeReport(context.services);
      assert.equal(await panelOf(worker, open.ref), '');
      const self = await panelOf(
        worker,
        (await askForHelp(context, requestFields({ phone: '29000005' }))).ref,
      );
      assert.match(self, /The one who asked/);
      assert.doesNotMatch(self, /help-subject|help-tell/);
    });
  });
});
