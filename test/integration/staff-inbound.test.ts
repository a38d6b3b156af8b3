import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import type { StaffMember } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { moveReport } from '../support/reports.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';
import {
  addStaff,
  KAUNATA_CLERK,
  KAUNATA_WORKER,
  NOVADS_ADMIN,
  signIn,
  type NewStaff,
  type StaffBrowser,
} from '../support/staff.js';
import { rawFixture } from '../unit/mail/load-fixture.js';

/** A plain reply, unsigned: no DKIM proves its sender, so it is held for staff. */
const reply = (options: { from: string; to: string; text: string }) =>
  clerkReply({ ...options, quote: false });

describe('the staff workspace: inbound mail that waits for a person', () => {
  let context: TestContext;
  let report: Report;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let otherWorker: StaffBrowser;
  let admin: StaffBrowser;

  const post = (raw: Buffer | string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(Buffer.from(raw))
      .expect(202);
  const replyTo = (email = CLERK) => context.services.links.replyAddress(report.ref, email);
  const row = (id: number) => context.services.knex('inbound_messages').where({ id }).first();
  const idsIn = (html: string) =>
    [...html.matchAll(/data-qa="inbound-item" data-id="(\d+)"/g)].map((match) => Number(match[1]));
  const newest = async () =>
    ((await context.services.knex('inbound_messages').max({ id: 'id' }).first()) as { id: number }).id;

  /** A reply from the clerk's address that no signature proves: held, and the social worker told. */
  async function heldReply(text: string): Promise<number> {
    const res = await post(reply({ from: CLERK, to: replyTo(), text }));
    assert.equal(res.body.outcome, 'held');
    return newest();
  }

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
    const members: StaffMember[] = await Promise.all(
      [
        KAUNATA_WORKER,
        KAUNATA_CLERK,
        {
          email: 'maltas.socialais@example.org',
          role: 'social_worker',
          contacts: ['maltas-social'],
        } satisfies NewStaff,
        NOVADS_ADMIN,
      ].map((member) => addStaff(context, member)),
    );
    const browsers = await Promise.all(members.map((member) => signIn(context, member)));
    [worker, clerk, otherWorker, admin] = browsers as [
      StaffBrowser,
      StaffBrowser,
      StaffBrowser,
      StaffBrowser,
    ];
  });

  it('lists a held reply for those who handle its report, and nobody else', async () => {
    const id = await heldReply('#atrisināts Bedre aizbērta.');
    assert.deepEqual(idsIn((await worker.agent.get('/staff/inbound').expect(200)).text), [id]);
    assert.deepEqual(idsIn((await clerk.agent.get('/staff/inbound').expect(200)).text), [id]);
    assert.deepEqual(idsIn((await otherWorker.agent.get('/staff/inbound').expect(200)).text), []);
    await otherWorker.agent.get(`/staff/inbound/${id}`).expect(404);
    await otherWorker.agent.get(`/staff/inbound/${id}/raw`).expect(404);
    const queue = await worker.agent.get('/staff?lang=en').expect(200);
    assert.match(queue.text, /data-qa="mail-waiting"[\s\S]*1 email is waiting for your decision/);
    // The notice to the social worker opens the message in the workspace.
    const [notice] = await context.services.knex('outbox').where({ kind: 'held-reply' });
    assert.match(notice.text_body, new RegExp(`http://tilts\\.test/staff/inbound/${id}\\b`));
  });

  it('shows the message, proposes what it asked for, and publishes it once, in the name of its sender', async () => {
    const id = await heldReply('#atrisināts Bedre aizbērta. Zvaniet man: 29123456.');
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="message-text">#atrisināts Bedre aizbērta\. Zvaniet man: 29123456\./);
    assert.match(page.text, /<option value="resolved" selected>/, 'the status word is proposed');
    assert.match(page.text, /data-qa="message-detail">the sender could not be verified/, 'why, in words');
    assert.match(
      page.text,
      /<textarea class="input" id="publish-text"[^>]*>Bedre aizbērta\. Zvaniet man: \[…\]\.<\/textarea>/,
    );
    assert.match(page.text, /data-qa="raw">[\s\S]*Message-ID: &lt;reply-/);
    const raw = await worker.agent.get(`/staff/inbound/${id}/raw`).expect(200);
    assert.match(raw.headers['content-type']!, /^text\/plain/);
    assert.match(raw.headers['content-disposition']!, /attachment/);
    assert.match(raw.text, /Zvaniet man: 29123456/);

    const form = {
      _csrf: worker.csrf,
      status: 'resolved',
      publicText: 'Bedre aizbērta.',
      internalNote: 'Pārbaudīju ar pārvaldi.',
    };
    await worker.agent.post(`/staff/inbound/${id}/publish`).type('form').send(form).expect(303);
    const message = await row(id);
    assert.equal(message.outcome, 'applied');
    assert.equal(message.decided_by_staff_id, worker.member.id);
    assert.ok(message.update_id);
    const update = await context.services.knex('report_updates').where({ id: message.update_id }).first();
    assert.deepEqual(
      [update.public_text, update.to_status, update.author_name, update.internal_note],
      ['Bedre aizbērta.', 'resolved', 'Kaunatas pagasta pārvalde', 'Pārbaudīju ar pārvaldi.'],
      'the clerk’s words, in the parish’s name',
    );
    assert.equal(
      (await context.services.knex('outbox').where({ kind: 'report-update', report_id: report.id })).length,
      1,
    );
    const publicPage = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(publicPage.text, /Bedre aizbērta\./);
    assert.doesNotMatch(publicPage.text, /29123456|Pārbaudīju/);
    const staffPage = await worker.agent.get(`/staff/reports/${report.ref}?lang=en`).expect(200);
    assert.match(
      staffPage.text,
      new RegExp(`Published from an email of ${CLERK} \\(incoming email no\\. ${id}\\)`),
    );
    // Once published, the message's page still says why it was held, in words, not as stored.
    const decided = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    assert.match(decided.text, /data-qa="message-detail">the sender could not be verified/);
    assert.doesNotMatch(decided.text, /not_proven:|not_staff:/);
    const [audit] = await context.services.knex('audit_log').where({ action: 'inbound.publish' });
    assert.equal(audit.staff_id, worker.member.id);
    assert.doesNotMatch(JSON.stringify(audit), /@/, 'no address in the audit row');

    const again = await clerk.agent
      .post(`/staff/inbound/${id}/publish?lang=en`)
      .type('form')
      .send({ _csrf: clerk.csrf, publicText: 'Vēlreiz.' })
      .expect(422);
    assert.match(again.text, /Someone has already decided on this email/);
    assert.doesNotMatch(again.text, /data-qa="publish-form"/, 'a decided message offers no decision');
    assert.equal(
      (await context.services.knex('report_updates').where({ public_text: 'Vēlreiz.' })).length,
      0,
    );
  });

  it("proposes a held reply without its sender's own name signed alone under it, and shows the message whole", async () => {
    const name = 'Gunita Ozola';
    const res = await post(
      reply({ from: `"${name}" <${CLERK}>`, to: replyTo(), text: 'Bedre aizbērta.\n\nGunita' }),
    );
    assert.equal(res.body.outcome, 'held');
    const id = await newest();
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="message-text">Bedre aizbērta\.\s+Gunita/, 'the message as it came');
    assert.match(page.text, /<textarea class="input" id="publish-text"[^>]*>Bedre aizbērta\.<\/textarea>/);
  });

  it('publishes the photos of a held reply when asked, stripped like every photo', async () => {
    await post(rawFixture('reply-with-photo.eml', { to: replyTo() }));
    const id = await newest();
    assert.equal((await row(id)).outcome, 'held');
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    assert.match(page.text, /id="publish-photos" name="photos" value="on" checked/);
    await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, status: 'resolved', publicText: 'Bedre aizbērta.', photos: 'on' })
      .expect(303);
    const photos = await context.services
      .knex('report_photos')
      .where({ report_id: report.id })
      .whereNotNull('update_id');
    assert.equal(photos.length, 1);
  });

  it('offers only the statuses the report can move to from its own', async () => {
    await moveReport(context.services, report, 'resolved');
    const id = await heldReply('#procesā Atsākam darbus.');
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    const select = page.text.slice(page.text.indexOf('id="publish-status"'));
    const options = [
      ...select.slice(0, select.indexOf('</select>')).matchAll(/<option value="([a-z_]*)"/g),
    ].map((match) => match[1]);
    assert.deepEqual(options, ['', 'closed'], 'keep the status, or close it');
  });

  it('refuses a bad decision with a clear message and keeps what was typed', async () => {
    const id = await heldReply('Labi.');
    const empty = await worker.agent
      .post(`/staff/inbound/${id}/publish?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, status: '', publicText: '', internalNote: 'tikai piezīme' })
      .expect(422);
    assert.match(empty.text, /data-qa="error-publish"[\s\S]*Choose a status or write the text to publish/);
    assert.match(empty.text, />tikai piezīme<\/textarea>/);
    const long = await worker.agent
      .post(`/staff/inbound/${id}/publish?lang=ru`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'ā'.repeat(5001) })
      .expect(422);
    assert.match(long.text, /Текст слишком длинный/);
    const impossible = await worker.agent
      .post(`/staff/inbound/${id}/publish?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, status: 'open', publicText: 'x' })
      .expect(422);
    assert.match(impossible.text, /Choose a status from the list/);
    // A reason this form does not offer (a duplicate needs the report's own page) is named as such.
    const duplicate = await worker.agent
      .post(`/staff/inbound/${id}/publish?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, status: 'closed', closeReason: 'duplicate', publicText: 'x' })
      .expect(422);
    assert.match(duplicate.text, /Choose a reason from the list/);
    const nowhere = await worker.agent
      .post(`/staff/inbound/${id}/place?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, ref: 'RZN-2026-99999' })
      .expect(422);
    assert.match(nowhere.text, /There is no report with this number that you handle/);
    assert.match(nowhere.text, /value="RZN-2026-99999"/);
    await worker.agent
      .post(`/staff/inbound/${id}/retry`)
      .type('form')
      .send({ _csrf: worker.csrf })
      .expect(422);
    await worker.agent.post(`/staff/inbound/${id}/drop`).type('form').send({ reason: 'x' }).expect(403);
    for (const bad of ['abc', '0', '99999', '1e3', '12345678901'])
      await worker.agent.get(`/staff/inbound/${bad}`).expect(404);
    assert.equal((await row(id)).outcome, 'held', 'nothing was decided');
  });

  it('drops a message: nothing is published, nobody is emailed, and the audit log says who and why', async () => {
    const id = await heldReply('#atrisināts Lūdzu, apstipriniet savu bankas karti.');
    const before = await context.services.knex('outbox').count({ n: '*' }).first();
    await clerk.agent
      .post(`/staff/inbound/${id}/drop`)
      .type('form')
      .send({ _csrf: clerk.csrf, reason: 'Pikšķerēšana' })
      .expect(303);
    const message = await row(id);
    assert.deepEqual(
      [message.outcome, message.decided_by_staff_id, message.update_id],
      ['dropped', clerk.member.id, null],
    );
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    assert.deepEqual(await context.services.knex('outbox').count({ n: '*' }).first(), before);
    const [audit] = await context.services.knex('audit_log').where({ action: 'inbound.drop' });
    assert.match(JSON.stringify(audit.after), /Pikšķerēšana/);
    assert.deepEqual(
      idsIn((await worker.agent.get('/staff/inbound').expect(200)).text),
      [],
      'no longer waiting',
    );
    assert.deepEqual(idsIn((await worker.agent.get('/staff/inbound?show=all').expect(200)).text), [id]);
  });

  it('lets an admin put mail that reached no report on the right one; then its handlers decide', async () => {
    await post(
      reply({
        from: 'iedzivotajs@example.lv',
        to: `r-nekas@${context.config.inboundDomain}`,
        text: 'Par bedri Kaunatā.',
      }),
    );
    const id = await newest();
    assert.equal((await row(id)).outcome, 'unknown_address');
    assert.deepEqual(idsIn((await worker.agent.get('/staff/inbound').expect(200)).text), []);
    await worker.agent.get(`/staff/inbound/${id}`).expect(404);
    assert.deepEqual(idsIn((await admin.agent.get('/staff/inbound').expect(200)).text), [id]);
    await admin.agent
      .post(`/staff/inbound/${id}/place`)
      .type('form')
      .send({ _csrf: admin.csrf, ref: report.ref.toLowerCase() })
      .expect(303);
    assert.equal((await row(id)).report_id, report.id);
    assert.deepEqual(idsIn((await worker.agent.get('/staff/inbound').expect(200)).text), [id]);
    await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'Iedzīvotājs ziņo: bedre joprojām ir.' })
      .expect(303);
    const update = await context.services
      .knex('report_updates')
      .where({ id: (await row(id)).update_id })
      .first();
    assert.equal(
      update.author_name,
      'Kaunatas pagasta sociālais darbinieks',
      'a stranger’s words, in the name of who published them',
    );
    // A social worker cannot move mail onto another parish's report.
    const elsewhere = await routedReport(context, { parishCode: 'maltas', title: 'Cits' });
    const other = await heldReply('Vēl kas.');
    await worker.agent
      .post(`/staff/inbound/${other}/place`)
      .type('form')
      .send({ _csrf: worker.csrf, ref: elsewhere.ref })
      .expect(422);
  });

  it('refuses a reason for closing without the status “Closed”, in each language, and publishes nothing', async () => {
    const id = await heldReply('Bedre aizbērta.');
    const words = {
      lv: /Slēgšanas iemesls der tikai kopā ar statusu „Slēgts”/,
      en: /A reason for closing goes with the status “Closed”/,
      ru: /Причина закрытия указывается только вместе со статусом «Закрыто»/,
    };
    for (const [lang, said] of Object.entries(words))
      for (const status of ['', 'resolved']) {
        const res = await worker.agent
          .post(`/staff/inbound/${id}/publish?lang=${lang}`)
          .type('form')
          .send({ _csrf: worker.csrf, status, closeReason: 'no_action', publicText: 'Bedre aizbērta.' })
          .expect(422);
        assert.match(res.text, said);
        assert.match(res.text, />Bedre aizbērta\.<\/textarea>/, 'the text is shown again');
      }
    const message = await row(id);
    assert.deepEqual([message.outcome, message.update_id], ['held', null]);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });

  it('refuses to put a held reply on the report it is already on, in each language, and changes nothing', async () => {
    const id = await heldReply('#atrisināts Bedre aizbērta.');
    const words = {
      lv: /Vēstule jau ir pie šī ziņojuma/,
      en: /The email is already on this report/,
      ru: /Письмо уже относится к этому сообщению/,
    };
    for (const [lang, said] of Object.entries(words)) {
      const res = await clerk.agent
        .post(`/staff/inbound/${id}/place?lang=${lang}`)
        .type('form')
        .send({ _csrf: clerk.csrf, ref: report.ref })
        .expect(422);
      assert.match(res.text, said);
      assert.match(res.text, new RegExp(`value="${report.ref}"`), 'the number typed is shown again');
    }
    const message = await row(id);
    assert.deepEqual([message.outcome, message.report_id], ['held', report.id]);
    assert.equal(
      (await context.services.knex('audit_log').where({ action: 'inbound.place' })).length,
      0,
      'nothing logged as placed',
    );
  });

  it('reads a message that failed for good again, when staff ask', async () => {
    const id = await heldReply('Labi.');
    await context.services
      .knex('inbound_messages')
      .where({ id })
      .update({ outcome: 'failed', attempts: 12, next_attempt_at: null, detail: 'database down' });
    // While the scheduler will still try it, it is the machine's: nobody decides on it.
    await context.services
      .knex('inbound_messages')
      .where({ id })
      .update({ next_attempt_at: new Date(Date.now() + 60_000) });
    assert.doesNotMatch(
      (await worker.agent.get(`/staff/inbound/${id}`).expect(200)).text,
      /data-qa="retry-form"/,
    );
    await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'x' })
      .expect(422);
    await context.services.knex('inbound_messages').where({ id }).update({ next_attempt_at: null });
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="retry-form"/);
    await worker.agent
      .post(`/staff/inbound/${id}/retry`)
      .type('form')
      .send({ _csrf: worker.csrf })
      .expect(303);
    assert.equal((await row(id)).outcome, 'held', 'read again, and held again as it should be');
    assert.equal((await context.services.knex('audit_log').where({ action: 'inbound.retry' })).length, 1);
  });

  it('publishes once when two people publish the same message at the same moment', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time
    const id = await heldReply('#atrisināts Bedre aizbērta.');
    const results = await Promise.all(
      [worker, clerk].map((who) =>
        who.agent
          .post(`/staff/inbound/${id}/publish`)
          .type('form')
          // Each one's role, not address: an address in a public answer is refused.
          .send({ _csrf: who.csrf, publicText: `Publicēja ${who.member.role}` }),
      ),
    );
    assert.deepEqual(results.map((res) => res.status).sort(), [303, 422]);
    assert.equal(
      (await context.services.knex('report_updates').where('public_text', 'like', 'Publicēja %')).length,
      1,
    );
  });
});
