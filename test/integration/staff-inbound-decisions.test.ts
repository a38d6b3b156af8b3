import assert from 'node:assert/strict';
import { routedReport } from '../support/reports.inbound.js';
import { idsIn, mailDesk, reply } from './staff-inbound-helpers.js';

describe('the staff workspace: inbound mail that waits for a person, refused, dropped, placed or read again', () => {
  const desk = mailDesk();

  it('refuses a bad decision with a clear message and keeps what was typed', async () => {
    const { worker, row, heldReply } = desk();
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
    const { context, report, worker, clerk, row, heldReply } = desk();
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
    const { context, report, worker, admin, post, row, newest, heldReply } = desk();
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
    const { context, report, worker, row, heldReply } = desk();
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
    const { context, report, clerk, row, heldReply } = desk();
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
    const { context, worker, row, heldReply } = desk();
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
});
