import assert from 'node:assert/strict';
import request from 'supertest';
import { makeReport } from '../support/reports.js';
import { dateFormats } from '../../src/report-pages/dates.js';
import { addStaff, signIn } from '../support/staff.js';
import { reportsDesk } from './staff-reports-helpers.js';

describe('the staff workspace: a duplicate, a held report and what a moderator hid', () => {
  const desk = reportsDesk();

  it('closes a duplicate: the two are linked and the followers move to the other report', async () => {
    const { context, worker, kaunataPublic, now, reportRow } = desk();
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
    const { context, worker, mails, reportRow } = desk();
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
    const { context, worker, now } = desk();
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
});
