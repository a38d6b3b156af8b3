import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import type { Language } from '../../src/i18n/index.js';
import { rawMailDir } from '../../src/inbound/raw-store.js';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postUnsignedReply } from '../support/reports.inbound.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';
import { askForHelp, count, forOtherFields, requestFields } from './help-requests-helpers.js';

/** The parts of the exported case this test reads. */
type CaseJson = {
  ref: string;
  askedBy: { name: string; email: string; phone: string };
  help: { subject: { name: string; email: string; toldAt: string | null }; kinds: string[] };
  category: { code: string };
  parish: { name: string };
  request: { description: string };
  timeline: { toStatus: string }[];
};

const auditRows = (context: TestContext, action: string) =>
  context.services.knex('audit_log').where({ action }).orderBy('id');

/** The help panel of the staff report page, as this member sees it ('' when the report has none). */
async function panelOf(browser: StaffBrowser, ref: string, language: Language = 'en'): Promise<string> {
  const page = await browser.agent.get(`/staff/reports/${ref}?lang=${language}`).expect(200);
  return /<section aria-labelledby="help-request-heading"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
}

describe('requests for help in the staff workspace', () => {
  let context: TestContext;
  let now: Date;
  let worker: StaffBrowser;
  let maltaWorker: StaffBrowser;
  let clerk: StaffBrowser;
  let admin: StaffBrowser;

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    const member = (email: string, role: StaffRole, contacts: string[]) =>
      addStaff(context, { email, role, contacts });
    worker = await signIn(
      context,
      await member('kaunatas.socialais@example.org', 'social_worker', ['kaunatas-social']),
    );
    maltaWorker = await signIn(
      context,
      await member('maltas.socialais@example.org', 'social_worker', ['maltas-social']),
    );
    clerk = await signIn(
      context,
      await member('kaunatas.parvalde@example.org', 'parish_clerk', ['kaunatas-admin']),
    );
    admin = await signIn(context, await member('admin@example.org', 'admin', ['novads']));
  });

  describe('making a private report a request', () => {
    it('records the help details, tells the person by email, and writes an audit row', async () => {
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

  describe('the person’s data: export and erase', () => {
    it('exports everything the request holds of the person as JSON and CSV, for those in scope', async () => {
      const { ref } = await askForHelp(
        context,
        forOtherFields({
          description: '=HYPERLINK("http://evil.example")\notrā rinda',
          phone: '+371 2000 0001',
        }),
      );
      const json = await worker.agent.get(`/staff/help/requests/${ref}/export.json`).expect(200);
      assert.match(json.headers['content-type']!, /^application\/json/);
      assert.equal(json.headers['content-disposition'], `attachment; filename=${ref}.json`);
      const data = JSON.parse(json.text) as CaseJson;
      assert.equal(data.ref, ref);
      assert.deepEqual(data.askedBy, {
        name: 'Pēteris Laizāns',
        email: 'peteris@example.lv',
        phone: '+371 2000 0001',
      });
      assert.deepEqual(data.help.subject.name, 'Anna Liepa');
      assert.equal(data.help.subject.email, 'anna.liepa@example.lv');
      assert.ok(data.help.subject.toldAt);
      assert.deepEqual(data.help.kinds, ['transport', 'shopping']);
      assert.equal(data.category.code, 'elderly-help');
      assert.equal(data.parish.name, 'Kaunatas pagasts');
      assert.equal(data.request.description, '=HYPERLINK("http://evil.example")\notrā rinda');
      assert.deepEqual(
        data.timeline.map((entry: { toStatus: string }) => entry.toStatus),
        ['open'],
      );
      const csv = await admin.agent.get(`/staff/help/requests/${ref}/export.csv`).expect(200);
      assert.match(csv.headers['content-type']!, /^text\/csv; charset=utf-8/);
      assert.equal(csv.headers['content-disposition'], `attachment; filename=${ref}.csv`);
      assert.ok(csv.text.startsWith('\ufeff"field","value"\r\n'));
      assert.match(csv.text, /\r\n"askedBy\.email","peteris@example\.lv"\r\n/);
      assert.match(csv.text, /\r\n"askedBy\.phone","\+371 2000 0001"\r\n/);
      assert.match(csv.text, /\r\n"help\.kinds","transport,shopping"\r\n/);
      // A spreadsheet would run a formula: it starts with an apostrophe.
      assert.match(
        csv.text,
        /\r\n"request\.description","'=HYPERLINK\(""http:\/\/evil\.example""\)\notrā rinda"\r\n/,
      );
      const audit = await auditRows(context, 'help.request.export');
      assert.deepEqual(
        audit.map((row) => row.object_id),
        [ref, ref],
      );
      await maltaWorker.agent.get(`/staff/help/requests/${ref}/export.json`).expect(404);
      await clerk.agent.get(`/staff/help/requests/${ref}/export.csv`).expect(403);
      const { report: notRequest } = await makeReport(context.services, { category: 'elderly-help' });
      await worker.agent.get(`/staff/help/requests/${notRequest.ref}/export.json`).expect(404);
    });

    it('erases the person after a confirm step, keeping the statistics; photos go from storage', async () => {
      const { report, photoKeys } = await makeReport(context.services, {
        category: 'elderly-help',
        lat: 56.31,
        lon: 27.59,
        phone: '+371 2000 0006',
        photos: 1,
      });
      await postForm(worker, `/staff/help/requests/${report.ref}/new`, {
        for_whom: 'other',
        subject_name: 'Kārlis Ozols',
        subject_knows: 'yes',
        subject_email: 'karlis@example.lv',
        subject_phone: '29000007',
        kinds: ['household'],
        wants: 'volunteer',
        days: ['sat'],
        times: 'sestdienas rītā',
      }).expect(303);
      const stored = await context.services.photos.read(photoKeys[0]!);
      assert.ok(stored, 'the photo is stored');
      if (stored.body instanceof Readable) stored.body.destroy();

      const confirm = await worker.agent.get(`/staff/help/requests/${report.ref}/erase?lang=en`).expect(200);
      assert.match(confirm.text, /<h1>Erase the person’s data<\/h1>/);
      assert.match(confirm.text, /name="confirm" value="yes"/);
      const unconfirmed = await postForm(worker, `/staff/help/requests/${report.ref}/erase?lang=en`).expect(
        422,
      );
      assert.match(unconfirmed.text, /Tick the box to confirm the erasure\./);
      assert.equal(
        (await context.services.knex('reports').where({ id: report.id }).first()).title,
        report.title,
      );
      await maltaWorker.agent.get(`/staff/help/requests/${report.ref}/erase`).expect(404);
      await postForm(maltaWorker, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(404);
      await worker.agent
        .post(`/staff/help/requests/${report.ref}/erase`)
        .type('form')
        .send({ confirm: 'yes' })
        .expect(403);

      // The social worker answers and notes by name; a reply naming the person waits for staff.
      await postForm(worker, `/staff/reports/${report.ref}/update`, {
        publicText: 'Labdien, Kārlis Ozols, piezvanīsim uz 29000007.',
        internalNote: 'Kārlis Ozols dzīvo viens.',
      }).expect(303);
      const social = 'kaunatas.socialais@example.org';
      const held = await postUnsignedReply(context, {
        ref: report.ref,
        from: 'kaimins@example.org',
        to: social,
        text: 'Kārlim Ozolam zvanīsim uz 29000007.',
      });
      assert.equal(held.outcome, 'held');
      const inbound = await context.services.knex('inbound_messages').where({ report_id: report.id }).first();
      assert.ok(inbound.raw_key || inbound.raw, 'the reply is kept for staff');
      const rawFile = (key: string) =>
        path.join(rawMailDir(context.config.dataDir), key.slice(0, 2), `${key}.eml`);
      if (inbound.raw_key) assert.ok(existsSync(rawFile(String(inbound.raw_key))), 'kept as a file');

      // Every email so far has left; one more waits to be sent when the person is erased.
      await context.services.knex('outbox').update({ status: 'sent', sent_at: now });
      const waiting = (await context.services
        .knex('outbox')
        .where({ report_id: report.id })
        .first()) as Record<string, unknown>;
      await context.services.knex('outbox').insert({
        ...waiting,
        id: undefined,
        message_id: '<waiting@tilts.test>',
        status: 'pending',
        sent_at: null,
      });
      const done = await postForm(worker, `/staff/help/requests/${report.ref}/erase`, {
        confirm: 'yes',
      }).expect(303);
      assert.equal(done.headers.location, `/staff/reports/${report.ref}?done=helpErased&lang=en`);
      const row = await context.services.knex('reports').where({ id: report.id }).first();
      assert.deepEqual(
        [
          row.reporter_name,
          row.reporter_email,
          row.reporter_phone,
          row.title,
          row.description,
          row.location,
          row.lat,
          row.lon,
        ],
        ['', null, null, '[erased]', '', '', null, null],
      );
      assert.deepEqual(
        [row.category_code, row.parish_code, row.status, row.is_private],
        ['elderly-help', 'kaunatas', 'open', true],
      );
      assert.ok(row.created_at && row.routed_at);
      const help = await context.services.knex('help_requests').where({ report_id: report.id }).first();
      assert.deepEqual(
        [help.subject_name, help.subject_phone, help.subject_email, help.times],
        [null, null, null, ''],
      );
      assert.deepEqual(
        [help.kinds, help.wants, help.days, help.for_whom],
        ['household', 'volunteer', 'sat', 'other'],
      );
      assert.ok(help.erased_at);
      assert.equal(await count(context.services.knex, 'report_photos', { report_id: report.id }), 0);
      for (const key of photoKeys) assert.equal(await context.services.photos.read(key), null, `${key} gone`);
      const texts = await context.services
        .knex('report_updates')
        .where({ report_id: report.id })
        .select('public_text', 'internal_note', 'author_name', 'author_kind');
      for (const update of texts) {
        assert.equal(update.public_text, null);
        assert.equal(update.internal_note, null);
        if (update.author_kind === 'reporter') assert.equal(update.author_name, null);
      }
      const mails = await context.services.knex('outbox').where({ report_id: report.id });
      assert.deepEqual(
        mails.map((mail) => mail.status),
        mails.map(() => 'sent'),
        'the waiting one is not sent',
      );
      assert.ok(
        mails.some((mail) => mail.to_email === 'erased@invalid'),
        'the person’s address is gone',
      );
      assert.ok(
        mails.some((mail) => mail.to_email === 'kaunatas.socialais@example.org'),
        'staff keep theirs',
      );
      for (const mail of mails) {
        const all = `${mail.to_email} ${mail.to_name} ${mail.subject} ${mail.text_body} ${mail.html_body}`;
        assert.ok(!/Jānis|janis|karlis|Kārlis|2000 0006|Bedre/i.test(all), `${mail.kind}: ${all}`);
      }
      const [audit] = await auditRows(context, 'help.request.erase');
      assert.equal(audit.object_id, report.ref);
      // The audit log never held the words; the held reply can no longer be read or published.
      for (const row of await context.services.knex('audit_log').where({ object_id: report.ref }))
        assert.doesNotMatch(JSON.stringify(row), /Kārli|Ozol|29000007/, String(row.action));
      const dropped = await context.services.knex('inbound_messages').where({ id: inbound.id }).first();
      assert.deepEqual(
        [dropped.outcome, dropped.raw, dropped.raw_key, dropped.subject],
        ['dropped', null, null, '[erased]'],
      );
      if (inbound.raw_key)
        assert.equal(existsSync(rawFile(String(inbound.raw_key))), false, 'the file is gone');
      const heldPage = await worker.agent.get(`/staff/inbound/${inbound.id}`).expect(200);
      assert.doesNotMatch(heldPage.text, /Kārli|29000007|data-qa="publish/);
      // The person's own link opens only the word that they were erased; erasing again changes nothing.
      const token = context.services.links.reporterToken(report.ref);
      const page = await request(context.app)
        .get(`/reports/${report.ref}?token=${token}&lang=en`)
        .expect(410);
      assert.match(page.text, /This request’s data has been erased/);
      assert.doesNotMatch(page.text, /Kārli|29000007|name="text"|\[erased\]/);
      // …and it takes nothing more: no words reach the request, nor an email the social worker.
      const before = {
        updates: await count(context.services.knex, 'report_updates'),
        mails: await count(context.services.knex, 'outbox'),
      };
      await request(context.app)
        .post(`/reports/${report.ref}/actions`)
        .set('Origin', 'http://tilts.test')
        .type('form')
        .send({ token, action: 'comment', text: 'Anna Ozola pārcēlās uz Skolas ielu 7, tālr. 29888777' })
        .expect(404);
      await request(context.app).get(`/reports/${report.ref}/withdraw?token=${token}`).expect(404);
      assert.deepEqual(
        {
          updates: await count(context.services.knex, 'report_updates'),
          mails: await count(context.services.knex, 'outbox'),
        },
        before,
      );
      // Without the link, nothing says the request was there.
      await request(context.app).get(`/reports/${report.ref}?lang=en`).expect(404);
      await postForm(worker, `/staff/help/requests/${report.ref}/erase`, { confirm: 'yes' }).expect(303);
      assert.equal((await auditRows(context, 'help.request.erase')).length, 1);
      const erasedPanel = await panelOf(worker, report.ref);
      assert.match(erasedPanel, /data-qa="help-erased"/);
      assert.doesNotMatch(erasedPanel, /help-erase-link/);
      const exported = JSON.parse(
        (await worker.agent.get(`/staff/help/requests/${report.ref}/export.json`).expect(200)).text,
      ) as {
        askedBy: unknown;
        help: { erasedAt: string | null };
      };
      assert.deepEqual(exported.askedBy, { name: '', email: null, phone: null });
      assert.ok(exported.help.erasedAt);
    });
  });
});
