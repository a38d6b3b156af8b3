import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import type { StaffBrowser } from '../support/staff.js';
import { count, linkFrom, postForm, validFields } from './report-form-helpers.js';
import { auditOf, postAs, staffBrowser } from './moderation-helpers.js';
import { addStaff } from '../support/staff.js';

describe('bans of an address or a domain', () => {
  let context: TestContext;
  let moderator: StaffBrowser;
  const get = (path: string) => request(context.app).get(path);
  /** Adds a ban as the pages do: a domain's is asked about first, then confirmed. */
  const ban = (kind: string, value: string, reason = 'Sūta reklāmas') =>
    postAs(moderator, '/staff/moderation/bans', {
      kind,
      value,
      reason,
      ...(kind === 'domain' ? { confirm: 'yes' } : {}),
    });
  const lift = (id: number) => postAs(moderator, `/staff/moderation/bans/${id}/lift`, { confirm: 'yes' });
  const reportRow = (id: number) => context.services.knex('reports').where({ id }).first();
  const mailKinds = async (reportId: number) =>
    (
      (await context.services.knex('outbox').where({ report_id: reportId }).orderBy('id')) as {
        kind: string;
      }[]
    ).map((row) => row.kind);
  /** Held: confirmed and open, never routed, nobody's to see, no email to staff. */
  async function assertHeld(reportId: number) {
    const row = await reportRow(reportId);
    assert.equal(row.status, 'open');
    assert.ok(row.confirmed_at, 'confirmed by its email as usual');
    assert.ok(row.held_at, 'held');
    assert.equal(row.routed_at, null);
    assert.equal(await count(context.services.knex, 'report_recipients', { report_id: reportId }), 0);
    assert.ok(!(await mailKinds(reportId)).includes('report-new'), 'no email to staff');
    await get(`/reports/${row.ref}`).expect(404);
    assert.doesNotMatch((await get('/reports').expect(200)).text, new RegExp(row.ref));
  }
  async function assertRouted(reportId: number) {
    const row = await reportRow(reportId);
    assert.equal(row.held_at, null);
    assert.ok(row.routed_at);
    assert.ok((await mailKinds(reportId)).includes('report-new'));
  }

  beforeEach(async () => {
    context = await makeApp();
    moderator = await staffBrowser(context);
  });

  it("holds a banned address's report: confirmed as usual, never routed, published or sent to staff", async () => {
    await ban('address', ' Spamer@Example.LV ')
      .expect(303)
      .expect('Location', '/staff/moderation/bans?done=banned');
    const stored = await context.services.knex('banned_senders').first();
    assert.deepEqual(
      [stored.kind, stored.value, stored.created_by_staff_id],
      ['address', 'spamer@example.lv', moderator.member.id],
    );
    const [audit] = await auditOf(context, 'moderation.ban');
    assert.deepEqual(audit?.after, { kind: 'address', value: 'spamer@example.lv', reason: 'Sūta reklāmas' });

    // The resident files and confirms through the real pages, and sees what everyone sees.
    await postForm(context.app, validFields({ email: 'SPAMER@example.lv', title: 'Lēti logi' }))
      .expect(303)
      .expect('Location', '/reports/sent');
    const confirmed = await request(context.app)
      .post(await linkFrom(context.services.knex, 'report-confirm', 'reports'))
      .type('form')
      .send({})
      .expect(200);
    assert.match(confirmed.text, /data-outcome="confirmed"/);
    const held = await context.services.knex('reports').where({ title: 'Lēti logi' }).first();
    await assertHeld(held.id);
    assert.match(held.held_reason, /^ban #\d+: address spamer@example\.lv$/);
    assert.deepEqual(await mailKinds(held.id), ['report-confirm', 'report-published']);
    const own = await get(
      `/reports/${held.ref}?token=${context.services.links.reporterToken(held.ref)}`,
    ).expect(200);
    assert.match(own.text, /Lēti logi/);
    assert.doesNotMatch(own.text, /aizturēt|bloķ|moderator/i, 'nothing tells the sender');

    const honest = await makeReport(context.services, { email: 'anna@example.lv' });
    await assertRouted(honest.report.id);
  });

  it('asks before banning a whole domain, saying what it would reach, and louder for a public provider', async () => {
    await makeReport(context.services, { email: 'a@mail.spam.example' });
    await makeReport(context.services, { email: 'a@mail.spam.example' });
    await makeReport(context.services, { email: 'b@spam.example' });
    await makeReport(context.services, { email: 'c@notspam.example' });
    const asked = await postAs(moderator, '/staff/moderation/bans?lang=en', {
      kind: 'domain',
      value: 'spam.example',
      reason: 'Reklāmas',
    }).expect(200);
    assert.match(asked.text, /<h1>Ban every address at spam\.example\?<\/h1>/);
    assert.match(asked.text, /data-qa="ban-reach">So far 3 reports came from 2 addresses there\./);
    assert.doesNotMatch(asked.text, /data-qa="public-provider"/);
    for (const [name, value] of [
      ['kind', 'domain'],
      ['value', 'spam.example'],
      ['reason', 'Reklāmas'],
      ['confirm', 'yes'],
    ])
      assert.ok(asked.text.includes(`name="${name}" value="${value}"`), name);
    assert.equal(await count(context.services.knex, 'banned_senders'), 0, 'nothing banned yet');

    const gmail = await postAs(moderator, '/staff/moderation/bans?lang=lv', {
      kind: 'domain',
      value: 'GMAIL.com',
      reason: 'Kļūda',
    }).expect(200);
    assert.match(
      gmail.text,
      /data-qa="public-provider"><p><strong>gmail\.com ir publisks e-pasta pakalpojums/,
    );
    assert.match(gmail.text, /No šī domēna līdz šim nav pienācis neviens ziņojums\./);
    assert.equal(await count(context.services.knex, 'banned_senders'), 0);

    // One address is banned at once: it reaches one sender.
    await postAs(moderator, '/staff/moderation/bans', {
      kind: 'address',
      value: 'x@gmail.com',
      reason: 'Spams',
    }).expect(303);
    await ban('domain', 'spam.example').expect(303).expect('Location', '/staff/moderation/bans?done=banned');
    assert.equal(await count(context.services.knex, 'banned_senders'), 2);
  });

  it("asks before banning a staff member's or a routing contact's address, and counts them for a domain", async () => {
    await addStaff(context, { email: 'ilze.clerk@novads.example', role: 'parish_clerk' });
    const asked = (value: string, kind = 'address', lang = 'en') =>
      postAs(moderator, `/staff/moderation/bans?lang=${lang}`, { kind, value, reason: 'Kļūda' }).expect(200);
    const staff = await asked('Ilze.Clerk@novads.example');
    assert.match(staff.text, /<h1>Ban ilze\.clerk@novads\.example\?<\/h1>/);
    assert.match(staff.text, /data-qa="ban-own">[\s\S]*A staff member signs in to Tilts with this address\./);
    assert.doesNotMatch(staff.text, /a contact that reports are sent to/);
    assert.ok(staff.text.includes('name="confirm" value="yes"'));
    const contact = await asked('kaunatas.parvalde@example.org', 'address', 'lv');
    assert.match(contact.text, /Tā ir kontakta adrese: uz to sūta ziņojumus\./);
    const domain = await asked('novads.example', 'domain');
    assert.match(domain.text, /1 staff member signs in to Tilts with an address there\./);
    const contacts = await context.services
      .knex('contacts')
      .whereILike('email', '%@example.org')
      .orWhereILike('email', '%.example.org')
      .count({ n: '*' });
    const many = await asked('example.org', 'domain', 'ru');
    assert.ok(many.text.includes(`У ${Number(contacts[0]!.n)} контактов, на которые отправляются сообщения`));
    assert.equal(await count(context.services.knex, 'banned_senders'), 0, 'nothing banned by asking');

    // A stranger's address is banned at once; a staff member's once confirmed.
    await ban('address', 'stranger@novads.example').expect(303);
    await postAs(moderator, '/staff/moderation/bans', {
      kind: 'address',
      value: 'ilze.clerk@novads.example',
      reason: 'Kļūda',
      confirm: 'yes',
    }).expect(303);
    assert.equal(await count(context.services.knex, 'banned_senders'), 2);
  });

  it('catches every address of a banned domain and of its subdomains, and no other domain', async () => {
    await ban('domain', '@Spam.Example').expect(303);
    assert.equal((await context.services.knex('banned_senders').first()).value, 'spam.example');
    for (const email of ['a@spam.example', 'B@Mail.Spam.Example']) {
      const made = await makeReport(context.services, { email });
      await assertHeld(made.report.id);
    }
    for (const email of ['c@notspam.example', 'd@spam.example.lv']) {
      const made = await makeReport(context.services, { email });
      await assertRouted(made.report.id);
    }
  });

  it('stops holding new reports once lifted, and leaves the ones it held as they are', async () => {
    await ban('address', 'spamer@example.lv').expect(303);
    const first = await makeReport(context.services, { email: 'spamer@example.lv' });
    await assertHeld(first.report.id);
    const page = await moderator.agent.get('/staff/moderation/bans').expect(200);
    assert.match(
      page.text,
      /data-qa="lift-note">Bloķējuma atcelšana aizturētos ziņojumus nenosūta un nepublicē/,
    );
    const id = (await context.services.knex('banned_senders').first()).id as number;
    assert.ok(page.text.includes(`action="/staff/moderation/bans/${id}/lift"`));

    // The list's button asks first, naming the ban; nothing is lifted until that is confirmed.
    const asked = await postAs(moderator, `/staff/moderation/bans/${id}/lift`).expect(200);
    assert.match(asked.text, /<h1>Atcelt spamer@example\.lv bloķējumu\?<\/h1>/);
    assert.match(asked.text, /name="confirm" value="yes"/);
    assert.equal((await context.services.knex('banned_senders').first()).lifted_at, null);
    await assertHeld((await makeReport(context.services, { email: 'spamer@example.lv' })).report.id);
    await lift(id).expect(303).expect('Location', '/staff/moderation/bans?done=lifted');
    assert.ok((await context.services.knex('banned_senders').first()).lifted_at);
    const [audit] = await auditOf(context, 'moderation.unban');
    assert.deepEqual([audit?.objectType, audit?.objectId], ['banned_sender', String(id)]);
    const second = await makeReport(context.services, { email: 'spamer@example.lv' });
    await assertRouted(second.report.id);
    await assertHeld(first.report.id);
    await lift(id).expect(404);
    await postAs(moderator, `/staff/moderation/bans/${id}/lift`).expect(404);
    await lift(99999).expect(404);
    assert.match((await moderator.agent.get('/staff/moderation/bans').expect(200)).text, /Bloķējumu nav\./);
  });

  it('ignores a subscription from a banned address, answering as for anyone', async () => {
    await ban('domain', 'spam.example').expect(303);
    const made = await makeReport(context.services);
    const subscribe = (email: string) =>
      request(context.app)
        .post(`/reports/${made.report.ref}/subscribe`)
        .type('form')
        .send({ name: 'Ieva', email });
    const banned = await subscribe('ieva@spam.example').expect(303);
    const allowed = await subscribe('ieva@example.lv').expect(303);
    assert.equal(banned.headers.location, allowed.headers.location);
    const rows = (await context.services.knex('subscriptions').select('email')) as { email: string }[];
    assert.deepEqual(
      rows.map((row) => row.email),
      ['ieva@example.lv'],
    );
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'subscription-confirm' }), 1);
  });

  it('words bad input on the ban form with it kept, and refuses a ban twice', async () => {
    const empty = await ban('address', '', '').expect(422);
    assert.match(empty.text, /<a href="#field-value">Ierakstiet adresi/);
    assert.match(empty.text, /<a href="#field-reason">Uzrakstiet iemeslu\.<\/a>/);
    const notDomain = await ban('domain', 'anna@example.lv').expect(422);
    assert.match(notDomain.text, /Ierakstiet domēnu bez vārda/);
    assert.ok(notDomain.text.includes('value="anna@example.lv"'));
    const notAddress = await ban('address', 'example.lv').expect(422);
    assert.match(notAddress.text, /Ierakstiet vienu e-pasta adresi/);
    await ban('evil', 'example.lv').expect(422);
    await ban('domain', 'nav-domēns').expect(422);
    const long = await ban('domain', 'example.lv', 'x'.repeat(1001)).expect(422);
    assert.match(long.text, /ne garāks par 1\u00a0000 rakstzīmēm/);
    assert.equal(await count(context.services.knex, 'banned_senders'), 0);

    await ban('domain', 'example.lv', '<i>Spams</i>\u0000').expect(303);
    const twice = await ban('domain', 'EXAMPLE.lv').expect(409);
    assert.match(twice.text, /jau ir bloķēts/);
    const list = await moderator.agent.get('/staff/moderation/bans').expect(200);
    assert.ok(list.text.includes('&lt;i&gt;Spams&lt;/i&gt;'));
    assert.match(list.text, /<th scope="row">example\.lv<\/th>/);
    assert.equal((await context.services.knex('banned_senders').first()).reason, '<i>Spams</i>');
  });
});
