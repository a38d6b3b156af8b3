import assert from 'node:assert/strict';
import request from 'supertest';
import { reportsDesk } from './staff-reports-helpers.js';

describe('the staff workspace: answering a report', () => {
  const desk = reportsDesk();

  it('changes the status with a public answer and an internal note, by the same path as a reply by email', async () => {
    const { context, clerk, kaunataPublic, mails, reportRow } = desk();
    await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update`)
      .type('form')
      .send({
        _csrf: clerk.csrf,
        status: 'in_progress',
        publicText: 'Darbi sāksies <b>pirmdien</b>.',
        internalNote: 'Brigāde: Jānis.',
      })
      .expect(303)
      .expect('Location', `/staff/reports/${kaunataPublic.ref}?done=update`);
    const row = await reportRow(kaunataPublic.id);
    assert.equal(row.status, 'in_progress');
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: kaunataPublic.id, channel: 'web', author_kind: 'recipient' });
    assert.equal(update.public_text, 'Darbi sāksies <b>pirmdien</b>.');
    assert.equal(update.internal_note, 'Brigāde: Jānis.');
    assert.equal(
      update.author_name,
      'Kaunatas pagasta pārvalde',
      'the institution speaks, not the clerk by name',
    );
    const told = await mails('report-update', kaunataPublic.id);
    assert.deepEqual(
      told.map((mail: { to_email: string }) => mail.to_email),
      ['anna@example.lv'],
    );
    assert.doesNotMatch(told[0].text_body, /Brigāde/);
    // The email history of an English page says each subject is in the language it was sent in.
    const history = (await clerk.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200)).text;
    const subject = (told[0].subject as string)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/"/g, '&#34;');
    assert.ok(history.includes(`<td lang="${told[0].language}">${subject}</td>`), 'the subject, marked');
    assert.equal(told[0].language, 'lv');
    const page = await request(context.app).get(`/reports/${kaunataPublic.ref}`).expect(200);
    assert.match(page.text, /Darbi sāksies &lt;b&gt;pirmdien&lt;\/b&gt;\./);
    assert.doesNotMatch(page.text, /Brigāde/);
    const [audit] = await context.services.knex('audit_log').where({ action: 'report.update' });
    assert.equal(audit.object_id, kaunataPublic.ref);
  });

  it('starts an answer from a template inside the form, keeping the status and note chosen so far', async () => {
    const { context, worker, kaunataPublic, reportRow } = desk();
    const [template] = (await context.services
      .knex('response_templates')
      .insert({
        category_code: 'roads',
        language: 'lv',
        title: 'Bedre tiks aizbērta',
        body: 'Bedri aizbērsim šonedēļ.',
      })
      .returning('id')) as { id: number }[];
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(200);
    assert.match(
      page.text,
      new RegExp(`<button[^>]*name="useTemplate" value="${template!.id}"[^>]*>Bedre tiks aizbērta</button>`),
    );
    const res = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update`)
      .type('form')
      .send({
        _csrf: worker.csrf,
        useTemplate: String(template!.id),
        status: 'in_progress',
        publicText: 'Paldies par ziņu.',
        internalNote: 'Zvanīt brigādei.',
      })
      .expect(200);
    assert.match(res.text, /<option value="in_progress" selected>/);
    assert.match(res.text, /autofocus>Paldies par ziņu\.\n\nBedri aizbērsim šonedēļ\.<\/textarea>/);
    assert.match(res.text, />Zvanīt brigādei\.<\/textarea>/);
    assert.doesNotMatch(res.text, /<title>Kļūda/);
    assert.equal((await reportRow(kaunataPublic.id)).status, 'open', 'nothing is saved until Save');
  });

  it('saves on Enter in a field of the update form: its first submit button is Save, never a template', async () => {
    const { context, worker, kaunataPublic } = desk();
    await context.services.knex('response_templates').insert([
      { category_code: 'roads', language: 'lv', title: 'Bedre tiks aizbērta', body: 'Bedri aizbērsim.' },
      { category_code: 'roads', language: 'en', title: 'Pothole to be filled', body: 'We will fill it.' },
    ]);
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=lv`).expect(200);
    const form = /<form[^>]*data-qa="update-form"[\s\S]*?<\/form>/.exec(page.text)![0];
    // Implicit submission (Enter in a text field) presses the form's first submit button.
    const firstSubmit = /<button[^>]*type="submit"[^>]*>/.exec(form)![0];
    assert.doesNotMatch(firstSubmit, /useTemplate/);
    assert.match(firstSubmit, /data-qa="update-default"/);
    assert.ok(form.indexOf('data-qa="update-default"') < form.indexOf('name="duplicateOf"'));
    // Each template's title is marked with its language, named when there are several.
    assert.match(
      form,
      /lang="en">Pothole to be filled <span data-qa="template-language">\(English\)<\/span><\/button>/,
    );
    assert.match(
      form,
      /data-qa="template">Bedre tiks aizbērta <span data-qa="template-language">\(Latviešu\)<\/span>/,
    );
  });

  it('refuses an impossible change with a clear message and keeps what was typed', async () => {
    const { worker, clerk, kaunataPublic, kaunataPrivate, reportRow } = desk();
    const refused = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({
        _csrf: worker.csrf,
        status: 'closed',
        closeReason: 'duplicate',
        duplicateOf: 'RZN-2099-99999',
        publicText: 'Tas pats, kas cits.',
      })
      .expect(422);
    assert.match(refused.text, /There is no report with that number/);
    assert.match(refused.text, />Tas pats, kas cits\.</);
    // A private request the clerk may not see is "no report" too: the answer tells no private number.
    const hidden = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({
        _csrf: clerk.csrf,
        status: 'closed',
        closeReason: 'duplicate',
        duplicateOf: kaunataPrivate.ref,
        publicText: 'Tas pats.',
      })
      .expect(422);
    assert.match(hidden.text, /There is no report with that number/);
    // A reason without the status it belongs to, and a duplicate without its number, are said so.
    for (const [form, message] of [
      [{ closeReason: 'no_action' }, /A reason for closing goes with the status “Closed”/],
      [
        { status: 'in_progress', closeReason: 'not_responsible' },
        /A reason for closing goes with the status/,
      ],
      [
        { status: 'closed', closeReason: 'duplicate', duplicateOf: '' },
        /Write the number of the report this one repeats/,
      ],
    ] as const) {
      const res = await worker.agent
        .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
        .type('form')
        .send({ _csrf: worker.csrf, publicText: 'Teksts paliek.', ...form })
        .expect(422);
      assert.match(res.text, message);
      assert.match(res.text, />Teksts paliek\.</);
    }
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update`)
      .type('form')
      .send({ _csrf: worker.csrf })
      .expect(422);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update`)
      .type('form')
      .send({ status: 'resolved' })
      .expect(403);
    assert.equal((await reportRow(kaunataPublic.id)).status, 'open');
  });

  it('says a refused form’s error at the top of the page, focused and linked to its field, marked invalid', async () => {
    const { worker, kaunataPublic } = desk();
    const summaryOf = (html: string) =>
      /<div class="error-summary" role="alert"[^>]*autofocus data-qa="error-summary">[\s\S]*?<\/div>/.exec(
        html,
      )?.[0] ?? '';
    const empty = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, status: '', publicText: '', internalNote: '' })
      .expect(422);
    // Before the report's number and heading: the first thing a phone's screen shows.
    assert.ok(empty.text.indexOf('data-qa="error-summary"') < empty.text.indexOf('class="report-ref"'));
    assert.match(summaryOf(empty.text), /<a href="#update-status">Nothing to save/);
    assert.match(
      empty.text,
      /id="update-status" name="status" aria-invalid="true" aria-describedby="update-error">/,
    );
    assert.match(empty.text, /id="update-error" data-qa="error-update">/);
    const duplicate = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, status: 'closed', closeReason: 'duplicate', duplicateOf: '' })
      .expect(422);
    assert.match(summaryOf(duplicate.text), /<a href="#update-duplicate">Write the number/);
    assert.match(
      duplicate.text,
      /id="update-duplicate"[^>]*aria-invalid="true" aria-describedby="update-error">/,
    );
    assert.doesNotMatch(duplicate.text, /id="update-status"[^>]*aria-invalid/);
    const tooLong = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'x'.repeat(5001) })
      .expect(422);
    assert.match(summaryOf(tooLong.text), /<a href="#update-text">/);
    assert.match(
      tooLong.text,
      /id="update-text"[^>]*aria-invalid="true" aria-describedby="update-text-hint update-error"/,
    );
    const unmoved = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, category: kaunataPublic.categoryCode, parish: kaunataPublic.parishCode })
      .expect(422);
    assert.match(summaryOf(unmoved.text), /<a href="#move-category">/);
    assert.match(unmoved.text, /id="move-category"[^>]*aria-invalid="true" aria-describedby="move-error"/);
    // A page without a refused form has no summary and no invalid field.
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="error-summary"|aria-invalid/);
  });
});
