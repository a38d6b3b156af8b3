import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { dateFormats } from '../../src/report-pages/dates.js';
import { askForHelp } from './help-requests-helpers.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';

const DAY = 86_400_000;

describe('the staff workspace: the queue and a report', () => {
  let context: TestContext;
  let now: Date;
  let worker: StaffBrowser;
  let clerk: StaffBrowser;
  let admin: StaffBrowser;
  let kaunataPublic: Report;
  let kaunataPrivate: Report;
  let maltaPublic: Report;
  const mails = (kind: string, reportId: number) =>
    context.services.knex('outbox').where({ kind, report_id: reportId });
  const reportRow = (id: number) => context.services.knex('reports').where({ id }).first();

  beforeEach(async () => {
    const workspace = await staffWorkspace();
    ({ context, worker, clerk, admin, kaunataPublic, kaunataPrivate, maltaPublic } = workspace);
    now = workspace.now();
  });

  const refsIn = (html: string) =>
    [...html.matchAll(/data-qa="queue-item" data-ref="([^"]+)"/g)].map((match) => match[1]);

  it('shows each person the reports of their scope: the social worker private ones too, the clerk not', async () => {
    assert.deepEqual(
      refsIn((await worker.agent.get('/staff').expect(200)).text).sort(),
      [kaunataPublic.ref, kaunataPrivate.ref].sort(),
    );
    assert.deepEqual(refsIn((await clerk.agent.get('/staff').expect(200)).text), [kaunataPublic.ref]);
    assert.deepEqual(refsIn((await admin.agent.get('/staff').expect(200)).text).length, 3);
    await clerk.agent.get(`/staff/reports/${kaunataPrivate.ref}`).expect(404);
    await clerk.agent.get(`/staff/reports/${maltaPublic.ref}`).expect(404);
    // Nor does the clerk's filter offer the categories of requests for help, which go to the social
    // worker alone; the social worker's does.
    const categoriesOf = (html: string) =>
      /id="queue-category"[\s\S]*?<\/select>/
        .exec(html)![0]
        .match(/value="[a-z-]+"/g)!
        .join(' ');
    assert.doesNotMatch(categoriesOf((await clerk.agent.get('/staff').expect(200)).text), /elderly-help/);
    assert.match(categoriesOf((await clerk.agent.get('/staff').expect(200)).text), /value="roads"/);
    assert.match(categoriesOf((await worker.agent.get('/staff').expect(200)).text), /elderly-help/);
    await worker.agent.get(`/staff/reports/${maltaPublic.ref}`).expect(404);
    const page = await worker.agent.get(`/staff/reports/${kaunataPrivate.ref}?lang=en`).expect(200);
    assert.match(
      page.text,
      /data-qa="reporter">[\s\S]*janis\.\d+@example\.lv/,
      'the reporter’s contact, for those who handle it',
    );
  });

  it('flags a report past its category’s target in working days, and filters to those', async () => {
    await context.services
      .knex('reports')
      .where({ id: kaunataPublic.id })
      .update({ routed_at: new Date(now.getTime() - 20 * DAY) });
    const queue = await worker.agent.get('/staff?lang=en').expect(200);
    assert.match(queue.text, new RegExp(`data-ref="${kaunataPublic.ref}"[\\s\\S]*?data-qa="overdue"`));
    assert.deepEqual(refsIn((await worker.agent.get('/staff?overdue=1').expect(200)).text), [
      kaunataPublic.ref,
    ]);
    const search = await worker.agent.get(`/staff?q=${kaunataPrivate.ref.slice(-5)}`).expect(200);
    assert.deepEqual(refsIn(search.text), [kaunataPrivate.ref]);
  });

  it('counts in each status tab what the tab would list with the filters chosen', async () => {
    const tabs = (html: string) =>
      Object.fromEntries(
        [
          ...html.matchAll(/<li><a href="[^"]*"(?: aria-current="page")?>([A-Za-z ]+) \((\d+)\)<\/a><\/li>/g),
        ].map((match) => [match[1], Number(match[2])]),
      );
    const all = await worker.agent.get('/staff?lang=en').expect(200);
    assert.equal(tabs(all.text).Waiting, 2);
    const roads = await worker.agent.get(`/staff?lang=en&category=${kaunataPublic.categoryCode}`).expect(200);
    assert.deepEqual(refsIn(roads.text), [kaunataPublic.ref]);
    assert.equal(tabs(roads.text).Waiting, 1, 'the tab counts what the list shows');
    assert.equal(tabs(roads.text).Open, 1);
    // The lead still says what waits in the whole scope.
    assert.match(roads.text, /2 reports are waiting for an answer or work\./);
    const nothing = await worker.agent.get('/staff?lang=en&q=nav-tada-vards').expect(200);
    assert.equal(tabs(nothing.text).Waiting, 0);
  });

  it('changes the status with a public answer and an internal note, by the same path as a reply by email', async () => {
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

  it('closes a duplicate: the two are linked and the followers move to the other report', async () => {
    const other = (await makeReport(context.services, { title: 'Tā pati bedre' })).report;
    await context.services.knex('subscriptions').insert({
      report_id: other.id,
      email: 'sekotajs@example.lv',
      name: 'S',
      language: 'lv',
      created_at: now,
      confirmed_at: now,
    });
    await worker.agent
      .post(`/staff/reports/${other.ref}/update`)
      .type('form')
      .send({
        _csrf: worker.csrf,
        status: 'closed',
        closeReason: 'duplicate',
        duplicateOf: kaunataPublic.ref.toLowerCase(),
      })
      .expect(303);
    const closed = await reportRow(other.id);
    assert.deepEqual(
      [closed.status, closed.close_reason, closed.duplicate_of],
      ['closed', 'duplicate', kaunataPublic.id],
    );
    // The reporter's email says why, as the page does, not only "Closed".
    const [told] = (await context.services
      .knex('outbox')
      .where({ kind: 'report-update', report_id: other.id, to_email: other.reporterEmail })
      .orderBy('id', 'desc')) as { text_body: string; html_body: string }[];
    assert.match(told!.text_body, /Slēgts \(Dublikāts\)/);
    assert.match(told!.html_body, /Slēgts \(Dublikāts\)/);
    const followers = (await context.services
      .knex('subscriptions')
      .where({ report_id: kaunataPublic.id })
      .pluck('email')) as string[];
    assert.ok(followers.includes('sekotajs@example.lv'));
    assert.ok(followers.includes(other.reporterEmail!), 'its reporter follows the other report too');
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    assert.match(page.text, new RegExp(`${other.ref} was closed as a duplicate of this report`));
    const closedPage = await worker.agent.get(`/staff/reports/${other.ref}?lang=en`).expect(200);
    assert.match(
      closedPage.text,
      new RegExp(`data-qa="duplicate-of">[^<]*<a href="/staff/reports/${kaunataPublic.ref}"`),
    );
    // The public page of the duplicate leads to the report that stays open...
    const shown = await request(context.app).get(`/reports/${other.ref}?lang=en`).expect(200);
    assert.match(
      shown.text,
      new RegExp(`It was already reported as <a href="/reports/${kaunataPublic.ref}\\?lang=en">`),
    );
    // ...but never to a private one.
    await context.services.knex('reports').where({ id: kaunataPublic.id }).update({ is_private: true });
    const hiddenLink = await request(context.app).get(`/reports/${other.ref}`).expect(200);
    assert.doesNotMatch(hiddenLink.text, /data-qa="duplicate-of"/);
  });

  it('lets a held report (a banned sender’s) through: routed and published as if just confirmed', async () => {
    const moderator = await signIn(
      context,
      await addStaff(context, { email: 'moderators@example.org', role: 'moderator' }),
    );
    await moderator.agent
      .post('/staff/moderation/bans')
      .type('form')
      .send({
        _csrf: moderator.csrf,
        kind: 'domain',
        value: 'spam.example',
        reason: 'Reklāma',
        confirm: 'yes',
      })
      .expect(303);
    const held = (await makeReport(context.services, { email: 'a@spam.example', title: 'Lēti logi' })).report;
    assert.ok((await reportRow(held.id)).held_at);
    const page = await worker.agent.get(`/staff/reports/${held.ref}?lang=en`).expect(200);
    // Why it is held, in the reader's words (it said Tilts's own note, `ban #3: domain spam.example`).
    assert.match(
      page.text,
      /data-qa="held-notice"[\s\S]*Held: the sender’s domain spam\.example is banned \(ban no\. \d+\)/,
    );
    const lvPage = await worker.agent.get(`/staff/reports/${held.ref}?lang=lv`).expect(200);
    assert.match(lvPage.text, /Aizturēts: sūtītāja domēns spam\.example ir bloķēts \(bloķējums nr\. \d+\)/);
    assert.doesNotMatch(lvPage.text, /ban #/);
    await request(context.app).get(`/reports/${held.ref}`).expect(404);
    await moderator.agent
      .post(`/staff/reports/${held.ref}/release`)
      .type('form')
      .send({ _csrf: moderator.csrf })
      .expect(403);
    await worker.agent
      .post(`/staff/reports/${held.ref}/release`)
      .type('form')
      .send({ _csrf: worker.csrf })
      .expect(303);
    const row = await reportRow(held.id);
    assert.equal(row.held_at, null);
    assert.ok(row.routed_at);
    const sent = (await mails('report-new', held.id)).map((mail: { to_email: string }) => mail.to_email);
    assert.deepEqual(sent.sort(), ['kaunatas.parvalde@example.org', 'kaunatas.socialais@example.org']);
    await request(context.app).get(`/reports/${held.ref}`).expect(200);
    // Its history says what held it, in the reader's words too.
    const released = await worker.agent.get(`/staff/reports/${held.ref}?lang=ru`).expect(200);
    assert.match(released.text, /Пропущено \(было задержано: домен отправителя spam\.example заблокирован/);
    assert.doesNotMatch(released.text, /ban #/);
    const again = await worker.agent
      .post(`/staff/reports/${held.ref}/release?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf })
      .expect(422);
    assert.doesNotMatch(again.text, /data-qa="release-form"/);
    assert.equal((await context.services.knex('audit_log').where({ action: 'report.release' })).length, 1);
  });

  it('shows staff what a moderator hid, marked as hidden, and never a hidden photo’s file', async () => {
    const withPhoto = (await makeReport(context.services, { title: 'Ar foto', photos: 1 })).report;
    const [photo] = await context.services.knex('report_photos').where({ report_id: withPhoto.id });
    await context.services
      .knex('report_photos')
      .where({ id: photo.id })
      .update({ hidden_at: now, hidden_reason: 'Seja' });
    await context.services
      .knex('reports')
      .where({ id: withPhoto.id })
      .update({ hidden: true, hidden_at: now, hidden_reason: 'Apvainojumi' });
    const page = await worker.agent.get(`/staff/reports/${withPhoto.ref}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="hidden-notice"[\s\S]*Apvainojumi/);
    assert.match(page.text, /data-qa="photo-hidden"/);
    assert.doesNotMatch(page.text, new RegExp(photo.storage_key));
    // After the verb, the day is said in the locative: "… paslēpa … 2026. gada 5. decembrī".
    const day = dateFormats('lv').dateOn(now);
    assert.match(day, /ī$|ā$/);
    const lv = await worker.agent.get(`/staff/reports/${withPhoto.ref}?lang=lv`).expect(200);
    assert.ok(lv.text.includes(`Moderators to paslēpa no sabiedrības ${day}: Apvainojumi`));
  });

  it('moves a report to another parish: it is routed again and the new recipients are emailed', async () => {
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/move`)
      .type('form')
      .send({ _csrf: worker.csrf, category: 'roads', parish: 'maltas' })
      .expect(303);
    const row = await reportRow(kaunataPublic.id);
    assert.equal(row.parish_code, 'maltas');
    const newMails = (await mails('report-new', kaunataPublic.id)).map(
      (mail: { to_email: string }) => mail.to_email,
    );
    assert.ok(newMails.includes('maltas.parvalde@example.org'));
    assert.ok(newMails.includes('maltas.socialais@example.org'));
    await worker.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(404);
    const bad = await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'atlantis' })
      .expect(422);
    assert.match(bad.text, /Choose one of your parishes/);
    // Moving to where it already is changes nothing and says so.
    const before = await context.services.knex('report_updates').where({ report_id: maltaPublic.id });
    const same = await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: admin.csrf, category: maltaPublic.categoryCode, parish: maltaPublic.parishCode })
      .expect(422);
    assert.match(same.text, /already in this category and parish/);
    const after = await context.services.knex('report_updates').where({ report_id: maltaPublic.id });
    assert.equal(after.length, before.length, 'no timeline row');
  });

  it('sends a clerk who moved a report out of their parishes to the queue, saying where it went', async () => {
    const moved = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: clerk.csrf, category: 'roads', parish: 'luznavas' })
      .expect(303);
    const location = moved.headers.location as string;
    assert.match(location, /^\/staff\?done=movedAway&/);
    // The clerk's pages are in English (their cookie): so is the page the move leads to.
    assert.ok(location.endsWith('&lang=en'), location);
    await clerk.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(404);
    const queue = await clerk.agent.get(location).expect(200);
    assert.match(
      queue.text,
      new RegExp(
        `data-qa="done"><p>Report ${kaunataPublic.ref} moved to [^<]*Lūznava[^<]* and sent to its recipients there; you no longer see it\\.`,
      ),
    );
    const lv = await clerk.agent.get(location.replace(/&lang=en$/, '&lang=lv')).expect(200);
    assert.match(lv.text, /data-qa="done"><p>Ziņojums [^<]*Lūznavas pagasts\) un nosūtīts/);
    // A crafted address says nothing; an admin, who still sees the report, stays on its page.
    const crafted = await clerk.agent.get('/staff?done=movedAway&ref=x&toCategory=roads&toParish=luznavas');
    assert.doesNotMatch(crafted.text, /data-qa="done"/);
    await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'luznavas' })
      .expect(303)
      .expect('Location', `/staff/reports/${maltaPublic.ref}?done=move`);
  });

  it('makes a report private at once, and public again only with a reason and the right role', async () => {
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'private' })
      .expect(303);
    await request(context.app).get(`/reports/${kaunataPublic.ref}`).expect(404);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public' })
      .expect(422);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: 'Kļūdaini atzīmēts.' })
      .expect(303);
    await request(context.app).get(`/reports/${kaunataPublic.ref}`).expect(200);
    const [audit] = await context.services.knex('audit_log').where({ action: 'report.public' });
    assert.match(JSON.stringify(audit.after), /Kļūdaini atzīmēts/);
  });

  it('offers making a report public again only to a role that may, and says why it is needed only there', async () => {
    const empty = { _csrf: clerk.csrf, status: '', publicText: '', internalNote: '' };
    const onPublic = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send(empty)
      .expect(422);
    assert.match(onPublic.text, /Nothing to save: choose a status or write an answer or a note\.<\/p>/);
    await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: clerk.csrf, make: 'private' })
      .expect(303);
    const page = await clerk.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="privacy-form"/);
    assert.match(page.text, /data-qa="stays-private">An administrator or a social worker can make/);
    const clerkEmpty = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send(empty)
      .expect(422);
    assert.match(clerkEmpty.text, /Nothing to save: choose a status or write an answer or a note\.<\/p>/);
    // The social worker may: the form is there, and the empty update points to it.
    const workerPage = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    assert.match(workerPage.text, /data-qa="privacy-form"/);
    assert.doesNotMatch(workerPage.text, /data-qa="stays-private"/);
    const workerEmpty = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({ ...empty, _csrf: worker.csrf })
      .expect(422);
    assert.match(workerEmpty.text, /to make the report public again, use “Make public again” with a reason/);
    const noReason = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: '' })
      .expect(422);
    assert.match(noReason.text, /data-qa="error-privacy">.*Write why the report may be public again/s);
  });

  it('never makes public a report in a private category or a request for help, wherever it was moved', async () => {
    const page = await worker.agent.get(`/staff/reports/${kaunataPrivate.ref}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="privacy-form"/);
    assert.match(
      page.text,
      /data-qa="stays-private">A request for help or a report in a private category stays private/,
    );
    const refused = await worker.agent
      .post(`/staff/reports/${kaunataPrivate.ref}/privacy?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: 'Lai kaimiņi palīdz.' })
      .expect(422);
    assert.match(refused.text, /data-qa="error-privacy">.*it cannot be made public/s);
    assert.match(refused.text, /Lai kaimiņi palīdz\./, 'the reason typed is shown back');
    assert.equal((await reportRow(kaunataPrivate.id)).is_private, true);
    // A request for help moved to a public category stays private too.
    const asked = await askForHelp(context);
    await admin.agent
      .post(`/staff/reports/${asked.ref}/move`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'kaunatas' })
      .expect(303);
    await admin.agent
      .post(`/staff/reports/${asked.ref}/privacy`)
      .type('form')
      .send({ _csrf: admin.csrf, make: 'public', reason: 'Tā ir bedre.' })
      .expect(422);
    assert.equal((await reportRow(asked.id)).is_private, true);
    await request(context.app).get(`/reports/${asked.ref}`).expect(404);
  });

  it('assigns a report to a colleague of its parish, never to one who cannot see it', async () => {
    const [clerkId] = (await context.services
      .knex('staff_members')
      .where({ role: 'parish_clerk' })
      .pluck('id')) as number[];
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: String(clerkId) })
      .expect(303);
    assert.equal((await reportRow(kaunataPublic.id)).assigned_staff_id, clerkId);
    assert.deepEqual(refsIn((await clerk.agent.get('/staff?assigned=me').expect(200)).text), [
      kaunataPublic.ref,
    ]);
    const refused = await worker.agent
      .post(`/staff/reports/${kaunataPrivate.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: String(clerkId) })
      .expect(422);
    assert.match(refused.text, /data-qa="error-assign"/);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/assign`)
      .type('form')
      .send({ _csrf: worker.csrf, staffId: 'abc' })
      .expect(422);
    // The reader is marked in words, in their language, not by an asterisk nothing explains.
    const page = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    const options = [...page.text.matchAll(/<option value="\d+"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1]!);
    assert.ok(
      options.some((name) => name.endsWith(' (you)')),
      options.join(', '),
    );
    assert.ok(!options.some((name) => name.includes('(*)')));
  });

  it('offers to assign a report only to the colleagues the assignment takes: a private one, not to a clerk who cannot see it', async () => {
    const offered = async (ref: string) => {
      const page = await worker.agent.get(`/staff/reports/${ref}?lang=en`).expect(200);
      const select = /<select[^>]*name="staffId"[\s\S]*?<\/select>/.exec(page.text)?.[0] ?? '';
      return [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    };
    const clerkId = clerk.member.id;
    assert.ok(
      (await offered(kaunataPublic.ref)).includes(clerkId),
      'the clerk, on a public report of her parish',
    );
    const onPrivate = await offered(kaunataPrivate.ref);
    assert.ok(onPrivate.includes(worker.member.id) && onPrivate.includes(admin.member.id), String(onPrivate));
    assert.ok(!onPrivate.includes(clerkId), 'not the clerk, who cannot see the request');
    // Every colleague offered is one the assignment takes.
    for (const id of onPrivate)
      await worker.agent
        .post(`/staff/reports/${kaunataPrivate.ref}/assign`)
        .type('form')
        .send({ _csrf: worker.csrf, staffId: String(id) })
        .expect(303);
  });
});
