import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { rawMailDir } from '../../src/inbound/raw-store.js';
import { makeReport } from '../support/reports.js';
import { postUnsignedReply } from '../support/reports.inbound.js';
import { postForm } from '../support/staff.js';
import { count } from './help-requests-helpers.js';
import { auditRows, helpStaff, panelOf } from './help-requests-staff-helpers.js';

describe('requests for help in the staff workspace', () => {
  const staff = helpStaff();

  describe('the person’s data: export and erase', () => {
    it('erases the person after a confirm step, keeping the statistics; photos go from storage', async () => {
      const { context, now, worker, maltaWorker } = staff();
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
