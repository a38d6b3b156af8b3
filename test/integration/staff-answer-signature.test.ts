import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { CLERK, clerkReply, routedReport } from '../support/reports.inbound.js';
import {
  addStaff,
  KAUNATA_CLERK,
  KAUNATA_WORKER,
  postForm,
  signIn,
  type StaffBrowser,
} from '../support/staff.js';

/**
 * A public answer typed in the workspace is published as typed: nothing cuts a sign-off as the
 * email path does. So a sign-off, a contact card, a phone number or an email address in it is
 * refused, the form shown again as typed with what to remove, and nothing is written.
 */
describe('staff answers: no signature, phone number or email address in a public answer', () => {
  let context: TestContext;
  let clerk: StaffBrowser;
  let report: Report;

  beforeEach(async () => {
    context = await makeApp();
    clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
    report = (await makeReport(context.services, { email: 'janis.b@example.org' })).report;
  });

  /** What one post may have left behind: timeline rows, emails, and the report's status. */
  const traces = async (id: number) => ({
    updates: ((await context.services.knex('report_updates').where({ report_id: id })) as unknown[]).length,
    emails: ((await context.services.knex('outbox').where({ report_id: id })) as unknown[]).length,
    status: ((await context.services.knex('reports').where({ id }).first()) as { status: string }).status,
  });

  const typedWithSignOff = 'Labdien! Bedre aizlāpīta.\n\nAr cieņu,\nAnna Bērziņa\ntālr. 64600000';

  it('refuses a sign-off with a name and a phone, says what to remove, and keeps what was typed', async () => {
    const before = await traces(report.id);
    const res = await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      status: 'resolved',
      publicText: typedWithSignOff,
      internalNote: 'Aizlāpīts otrdien.',
    }).expect(422);

    // Said at the top, focused, linked to the answer's field; the field says it is invalid.
    assert.match(res.text, /class="error-summary"[^>]*autofocus/);
    assert.match(res.text, /href="#update-text">[^<]*parakstu: sākot ar rindu “Ar cieņu,”/);
    assert.match(res.text, /id="update-text"[^>]*aria-invalid="true"/);
    // The form as typed, to the letter.
    const escaped = typedWithSignOff.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(res.text, new RegExp(`id="update-text"[^>]*>${escaped}</textarea>`));
    assert.match(res.text, /<option value="resolved" selected>/);
    assert.match(res.text, /id="update-note"[^>]*>Aizlāpīts otrdien\.<\/textarea>/);
    assert.deepEqual(await traces(report.id), before, 'nothing is written or sent');
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.doesNotMatch(page.text, /Bērziņa|64600000/);
  });

  it('refuses a contact card without a sign-off, in the reader’s language', async () => {
    const en = await postForm(clerk, `/staff/reports/${report.ref}/update?lang=en`, {
      publicText: 'Bedre aizlāpīta.\n\nAnna Bērziņa\nKaunatas pagasta pārvalde\ntālr. 64600000',
    }).expect(422);
    assert.match(en.text, /remove its signature: the line “Anna Bērziņa” and everything below it/);
    const ru = await postForm(clerk, `/staff/reports/${report.ref}/update?lang=ru`, {
      publicText: 'Яма заделана.\n\nС уважением, Анна',
    }).expect(422);
    assert.match(ru.text, /удалите из него подпись: строку «С уважением, Анна»/);
  });

  it('refuses a given name alone under the answer, and saves the same answer without it', async () => {
    const res = await postForm(clerk, `/staff/reports/${report.ref}/update?lang=en`, {
      publicText: 'Bedre aizlāpīta.\n\nAnna',
    }).expect(422);
    assert.match(res.text, /remove its signature: the line “Anna” and everything below it/);
    await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      publicText: 'Bedre aizlāpīta.\n\nKaunata',
    }).expect(303);
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(page.text, /Bedre aizlāpīta\.(?:<br>|\s)+Kaunata/);
  });

  it('refuses the answer signed with its writer’s own name alone, however rare the name', async () => {
    const gunita = await signIn(
      context,
      await addStaff(context, { ...KAUNATA_CLERK, name: 'Gunita Ozola', email: 'gunita@example.org' }),
    );
    const res = await postForm(gunita, `/staff/reports/${report.ref}/update?lang=en`, {
      publicText: 'Bedre aizlāpīta.\n\nGunita',
    }).expect(422);
    assert.match(res.text, /remove its signature: the line “Gunita” and everything below it/);
    // Another writer's answer may end with the word: it is not their name.
    await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      publicText: 'Bedre aizlāpīta.\n\nGunita',
    }).expect(303);
  });

  it('refuses an answer that greets a reporter who kept their name back by their given name', async () => {
    const before = await traces(report.id);
    const res = await postForm(clerk, `/staff/reports/${report.ref}/update?lang=en`, {
      status: 'acknowledged',
      publicText: 'Labdien, Jāni! Bedre Jāņa ielā aizlāpīta.',
    }).expect(422);
    assert.match(res.text, /Remove the resident’s name “Jāni” from the public answer/);
    assert.match(res.text, /id="update-text"[^>]*>Labdien, Jāni! Bedre Jāņa ielā aizlāpīta\.<\/textarea>/);
    assert.deepEqual(await traces(report.id), before);
    // Said without the name, it is published; the street named after a Jānis stays.
    await postForm(clerk, `/staff/reports/${report.ref}/update`, {
      status: 'acknowledged',
      publicText: 'Labdien! Bedre Jāņa ielā aizlāpīta.',
    }).expect(303);
  });

  it('publishes a hidden reporter’s given name that starts a sentence as a word, and refuses it greeting them', async () => {
    const rasa = (await makeReport(context.services, { name: 'Rasa Ozola', email: 'rasa@example.org' }))
      .report;
    const res = await postForm(clerk, `/staff/reports/${rasa.ref}/update?lang=en`, {
      status: 'acknowledged',
      publicText: 'Paldies, Rasa! Rasa uz ceļa sasala.',
    }).expect(422);
    assert.match(res.text, /Remove the resident’s name “Rasa” from the public answer/);
    await postForm(clerk, `/staff/reports/${rasa.ref}/update`, {
      status: 'acknowledged',
      publicText: 'Paldies! Rasa uz ceļa sasala.',
    }).expect(303);
    const update = await context.services
      .knex('report_updates')
      .where({ report_id: rasa.id })
      .orderBy('id', 'desc')
      .first();
    assert.equal(update.public_text, 'Paldies! Rasa uz ceļa sasala.');
  });

  it('refuses a phone number or an email address however it is written', async () => {
    const before = await traces(report.id);
    for (const [publicText, message] of [
      ['Zvaniet 29 12 34 56 darba laikā.', /Remove the phone number from the public answer/],
      ['Rakstiet anna at example dot org.', /Remove the email address from the public answer/],
      [
        'Zvaniet +371 29123456 vai rakstiet anna@example.org.',
        /Remove the phone number and the email address/,
      ],
    ] as const) {
      const res = await postForm(clerk, `/staff/reports/${report.ref}/update?lang=en`, {
        status: 'acknowledged',
        publicText,
      }).expect(422);
      assert.match(res.text, message, publicText);
    }
    assert.deepEqual(await traces(report.id), before);
  });

  it('saves an answer with numbers that are no contact, and a sentence that begins like a sign-off', async () => {
    const publicText =
      'Darbi sāksies 12. decembrī, brigāde 3 cilvēki.\nAr cieņu pret iedzīvotājiem strādāsim naktī.';
    await postForm(clerk, `/staff/reports/${report.ref}/update`, { status: 'in_progress', publicText })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update`);
    const page = await request(context.app).get(`/reports/${report.ref}`).expect(200);
    assert.match(page.text, /Darbi sāksies 12\. decembrī, brigāde 3 cilvēki\./);
  });

  it('leaves the answer to the asker of a private request as written: its one reader needs the number', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const asked = (await makeReport(context.services, { category: 'elderly-help' })).report;
    await postForm(worker, `/staff/reports/${asked.ref}/update`, {
      publicText: 'Zvaniet man 64600000.\n\nAr cieņu,\nInese',
    }).expect(303);
  });

  it('checks the answer again once the report is locked: made public meanwhile, a signed answer is refused', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    await context.services.knex('reports').where({ id: report.id }).update({ is_private: true });
    // A colleague makes the report public between the form's first read and its transaction's
    // lock: the lock's read is the first to see it public.
    const repository = context.services.reportRepository;
    const byId = repository.byId.bind(repository);
    repository.byId = async (id, db, lock) => {
      // In the form's own transaction (PGlite has one connection): what the lock would find.
      if (lock && db) await db('reports').where({ id }).update({ is_private: false });
      return byId(id, db, lock);
    };
    const before = await traces(report.id);
    const res = await postForm(worker, `/staff/reports/${report.ref}/update?lang=en`, {
      publicText: typedWithSignOff,
    }).expect(422);
    assert.match(res.text, /the line “Ar cieņu,” and everything below it/);
    assert.equal((await traces(report.id)).updates, before.updates, 'no answer is written');
  });

  it('refuses a held reply edited back into a signature before it is published', async () => {
    const routed = await routedReport(context);
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const to = context.services.links.replyAddress(routed.ref, CLERK);
    const held = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(
        Buffer.from(clerkReply({ from: CLERK, to, text: '#procesā Darbi sāksies pirmdien.', quote: false })),
      )
      .expect(202);
    assert.equal(held.body.outcome, 'held');
    const id = ((await context.services.knex('inbound_messages').max({ id: 'id' }).first()) as { id: number })
      .id;
    const before = await traces(routed.id);
    const publicText = 'Darbi sāksies pirmdien.\n\nAr cieņu,\nAnna Bērziņa, tālr. 64600000';
    const res = await postForm(worker, `/staff/inbound/${id}/publish?lang=en`, {
      status: 'in_progress',
      publicText,
    }).expect(422);
    assert.match(res.text, /class="error-summary"[^>]*autofocus/);
    assert.match(res.text, /href="#publish-text">[^<]*the line “Ar cieņu,” and everything below it/);
    assert.ok(res.text.includes(`${publicText}</textarea>`), 'the text as edited');
    assert.deepEqual(await traces(routed.id), before, 'nothing is published');
    const row = (await context.services.knex('inbound_messages').where({ id }).first()) as {
      outcome: string;
    };
    assert.equal(row.outcome, 'held', 'still waiting for a decision');
  });
});
