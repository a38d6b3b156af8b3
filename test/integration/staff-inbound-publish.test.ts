import assert from 'node:assert/strict';
import request from 'supertest';
import { moveReport } from '../support/reports.js';
import { CLERK } from '../support/reports.inbound.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import { idsIn, mailDesk, reply } from './staff-inbound-helpers.js';

describe('the staff workspace: inbound mail that waits for a person, and is published', () => {
  const desk = mailDesk();

  it('lists a held reply for those who handle its report, and nobody else', async () => {
    const { context, worker, clerk, otherWorker, heldReply } = desk();
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
    const { context, report, worker, clerk, row, heldReply } = desk();
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
    const { worker, post, replyTo, newest } = desk();
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
    const { context, report, worker, post, replyTo, row, newest } = desk();
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
    const { context, report, worker, heldReply } = desk();
    await moveReport(context.services, report, 'resolved');
    const id = await heldReply('#procesā Atsākam darbus.');
    const page = await worker.agent.get(`/staff/inbound/${id}?lang=en`).expect(200);
    const select = page.text.slice(page.text.indexOf('id="publish-status"'));
    const options = [
      ...select.slice(0, select.indexOf('</select>')).matchAll(/<option value="([a-z_]*)"/g),
    ].map((match) => match[1]);
    assert.deepEqual(options, ['', 'closed'], 'keep the status, or close it');
  });

  it('publishes once when two people publish the same message at the same moment', async function () {
    const { context, worker, clerk, heldReply } = desk();
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
