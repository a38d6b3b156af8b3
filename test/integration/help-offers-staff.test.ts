import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';
import { confirmedOffer, count, offerFields, sendOffer } from './help-offers-helpers.js';

describe('offers in the staff workspace: who sees them, export and erasure', () => {
  let context: TestContext;
  const as = {} as Record<StaffRole | 'maltaWorker', StaffBrowser>;
  let kaunata: { id: number; manage: string };
  let malta: { id: number };
  let paused: { id: number };
  let unconfirmedId: number;

  before(async () => {
    context = await makeApp();
    const { knex } = context.services;
    const member = (email: string, role: StaffRole, contacts: string[] = []) =>
      addStaff(context, { email, role, contacts });
    as.admin = await signIn(context, await member('admin@example.org', 'admin', ['novads']));
    as.social_worker = await signIn(
      context,
      await member('kaunatas.socialais@example.org', 'social_worker', ['kaunatas-social']),
    );
    as.maltaWorker = await signIn(
      context,
      await member('maltas.socialais@example.org', 'social_worker', ['maltas-social']),
    );
    as.parish_clerk = await signIn(
      context,
      await member('kaunatas.parvalde@example.org', 'parish_clerk', ['kaunatas-admin']),
    );
    as.moderator = await signIn(context, await member('moderators@example.org', 'moderator'));
    kaunata = await confirmedOffer(context.app, knex, {
      name: 'Ilze',
      email: 'ilze@example.lv',
      phone: '+371 29000000',
      share_phone: '1',
      about: 'Braucu uz Rēzekni, "ar auto".\nVaru paņemt 2 cilvēkus.',
      kinds: ['transport', 'shopping'],
      parishes: ['kaunatas', 'griskanu'],
    });
    // A spreadsheet formula as a name, stored before the form refused a link in one: the pages and
    // exports must still show it as text, never run it.
    await knex('help_offers')
      .where({ id: kaunata.id })
      .update({ name: '=HYPERLINK("http://evil.example","Ilze")' });
    malta = await confirmedOffer(context.app, knex, {
      name: 'Pēteris Maltā',
      email: 'peteris@example.lv',
      parishes: ['maltas'],
    });
    paused = await confirmedOffer(context.app, knex, { name: 'Apturētais', email: 'pauza@example.lv' });
    await knex('help_offers').where({ id: paused.id }).update({ status: 'paused' });
    await sendOffer(context.app, offerFields({ name: 'Neapstiprinātais', email: 'nav@example.lv' })).expect(
      303,
    );
    unconfirmedId = ((await knex('help_offers').where({ email: 'nav@example.lv' }).first()) as { id: number })
      .id;
  });

  it('lists a social worker’s offers: those covering their parishes, active first, every state on asking', async () => {
    const res = await as.social_worker.agent.get('/staff/help/offers').expect(200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.text, new RegExp(`data-id="${kaunata.id}"`));
    assert.doesNotMatch(res.text, new RegExp(`data-id="${malta.id}"`));
    assert.doesNotMatch(res.text, new RegExp(`data-id="${paused.id}"|data-id="${unconfirmedId}"`));
    const all = await as.social_worker.agent.get('/staff/help/offers?status=all').expect(200);
    for (const id of [kaunata.id, paused.id, unconfirmedId])
      assert.match(all.text, new RegExp(`data-id="${id}"`));
    const onlyPaused = await as.social_worker.agent
      .get('/staff/help/offers?status=paused&lang=en')
      .expect(200);
    assert.match(onlyPaused.text, new RegExp(`data-id="${paused.id}"`));
    assert.match(onlyPaused.text, /1 offer</);
    const admin = await as.admin.agent.get('/staff/help/offers').expect(200);
    assert.match(admin.text, new RegExp(`data-id="${malta.id}"`));
  });

  it('shows the offer with the volunteer’s contacts: the social worker is the bridge', async () => {
    const res = await as.social_worker.agent.get(`/staff/help/offers/${kaunata.id}?lang=en`).expect(200);
    assert.match(res.text, /href="mailto:ilze@example\.lv"/);
    assert.match(res.text, /href="tel:\+37129000000"/);
    assert.match(res.text, /Transport \(lifts to town and back\), Shopping and pharmacy/);
    assert.match(res.text, /Griškāni parish, Kaunata parish|Kaunata parish, Griškāni parish/);
    assert.match(res.text, /=HYPERLINK\(&#34;http:\/\/evil\.example&#34;,&#34;Ilze&#34;\)/);
    await as.admin.agent.get(`/staff/help/offers/${malta.id}`).expect(200);
  });

  it('describes the offer in staff words, never as the volunteer’s own form asks them, in every language', async () => {
    const page = async (lang: string) =>
      (await as.social_worker.agent.get(`/staff/help/offers/${kaunata.id}?lang=${lang}`).expect(200)).text;
    const en = await page('en');
    assert.match(en, /<dt>Offers help as<\/dt><dd>a private person/);
    assert.match(en, /<dt>May be given to the person helped<\/dt><dd data-qa="share">email, phone<\/dd>/);
    assert.match(en, /<dt>Can help with<\/dt>/);
    assert.match(en, /<dt>How many people they can help at once<\/dt>/);
    const lv = await page('lv');
    assert.match(lv, /<dt>Piedāvā palīdzību kā<\/dt><dd>privātpersona/);
    assert.match(lv, /data-qa="share">e-pastu, tālruni</);
    const ru = await page('ru');
    assert.match(ru, /<dt>Предлагает помощь как<\/dt><dd>частное лицо/);
    assert.match(ru, /data-qa="share">эл\. почту, телефон</);
    // The volunteer's own form's words ("You are offering…", "My email") are theirs, not staff's.
    assert.doesNotMatch(
      en,
      /You are offering|What we may give|My email|My phone|What you can help|Where you can help|you speak|you can help at once|we should know/,
    );
    assert.doesNotMatch(lv, /Jūs piedāvājat|Ko drīkstam|Manu e-pastu|Manu tālruni|varat palīdzēt|runājat/);
    assert.doesNotMatch(
      ru,
      /Вы предлагаете|Что мы можем|Мою электронную|Мой телефон|Чем вы можете|Где вы можете|вы можете помогать|каких языках вы/,
    );
  });

  it('refuses parish clerks and moderators (403) and sends the signed-out to sign in', async () => {
    for (const who of [as.parish_clerk, as.moderator]) {
      await who.agent.get('/staff/help/offers').expect(403);
      await who.agent.get(`/staff/help/offers/${kaunata.id}`).expect(403);
      await who.agent.get(`/staff/help/offers/${kaunata.id}/export.json`).expect(403);
      await who.agent.get(`/staff/help/offers/${kaunata.id}/export.csv`).expect(403);
      await who.agent.get(`/staff/help/offers/${kaunata.id}/erase`).expect(403);
      await postForm(who, `/staff/help/offers/${kaunata.id}/erase`).expect(403);
    }
    const out = await request(context.app).get(`/staff/help/offers/${kaunata.id}`).expect(303);
    assert.match(out.headers.location ?? '', /^\/staff\/sign-in\?next=/);
    await request(context.app)
      .post(`/staff/help/offers/${kaunata.id}/erase`)
      .type('form')
      .send({})
      .expect(403);
    assert.equal(
      (await context.services.knex('help_offers').where({ id: kaunata.id }).first()).erased_at,
      null,
    );
  });

  it('answers “not found” to a social worker of another parish, and for an offer that does not exist', async () => {
    const other = as.maltaWorker;
    await other.agent.get(`/staff/help/offers/${kaunata.id}`).expect(404);
    await other.agent.get(`/staff/help/offers/${kaunata.id}/export.json`).expect(404);
    await other.agent.get(`/staff/help/offers/${kaunata.id}/export.csv`).expect(404);
    await other.agent.get(`/staff/help/offers/${kaunata.id}/erase`).expect(404);
    await postForm(other, `/staff/help/offers/${kaunata.id}/erase`).expect(404);
    await as.admin.agent.get('/staff/help/offers/999999').expect(404);
    await as.admin.agent.get('/staff/help/offers/abc').expect(404);
    assert.equal(await count(context.services.knex, 'audit_log', { action: 'help_offer.export' }), 0);
  });

  it('exports the volunteer’s data as JSON, every column, and records that it was taken', async () => {
    const { knex } = context.services;
    const res = await as.social_worker.agent.get(`/staff/help/offers/${kaunata.id}/export.json`).expect(200);
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="help-offer-${kaunata.id}.json"`);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = JSON.parse(res.text) as { exportedAt: string; helpOffer: Record<string, unknown> };
    assert.ok(data.exportedAt);
    assert.deepEqual(
      { ...data.helpOffer, created_at: 'x', confirmed_at: 'x', updated_at: 'x' },
      {
        id: kaunata.id,
        status: 'active',
        offered_by: 'individual',
        name: '=HYPERLINK("http://evil.example","Ilze")',
        listed: false,
        email: 'ilze@example.lv',
        pending_email: null,
        phone: '+371 29000000',
        share_email: true,
        share_phone: true,
        kinds: ['transport', 'shopping'],
        parishes: ['griskanu', 'kaunatas'],
        days: ['sat'],
        times: 'no rīta',
        ask_me: false,
        speaks: ['lv', 'ru'],
        about: 'Braucu uz Rēzekni, "ar auto".\nVaru paņemt 2 cilvēkus.',
        capacity: 1,
        language: 'lv',
        created_at: 'x',
        confirmed_at: 'x',
        updated_at: 'x',
        paused_at: null,
        withdrawn_at: null,
        checked_at: null,
        check_sent_at: null,
        erased_at: null,
      },
    );
    const audit = await knex('audit_log').where({ action: 'help_offer.export' }).first();
    assert.equal(audit.object_id, String(kaunata.id));
    assert.doesNotMatch(JSON.stringify(audit), /ilze@|29000000|HYPERLINK/);
  });

  it('exports the same data as CSV that a spreadsheet shows as typed, never runs', async () => {
    const res = await as.admin.agent.get(`/staff/help/offers/${kaunata.id}/export.csv`).expect(200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="help-offer-${kaunata.id}.csv"`);
    assert.ok(res.text.startsWith('\uFEFF"id","status","offered_by","name",'));
    const [, row] = res.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(
      row!.startsWith(
        `"${kaunata.id}","active","individual","'=HYPERLINK(""http://evil.example"",""Ilze"")",`,
      ),
      row,
    );
    assert.match(
      row!,
      /"ilze@example\.lv","","\+371 29000000","true","true","transport;shopping","griskanu;kaunatas"/,
    );
    assert.match(row!, /"Braucu uz Rēzekni, ""ar auto"".\nVaru paņemt 2 cilvēkus."/);
    assert.equal(await count(context.services.knex, 'audit_log', { action: 'help_offer.export' }), 2);
  });

  it('erases the volunteer after a confirm step and with the session’s token; the statistics stay', async () => {
    const { knex } = context.services;
    const statistics = async () => ({
      offers: await count(knex, 'help_offers'),
      transport: await count(knex, 'help_offer_kinds', { kind: 'transport' }),
      kaunata: await count(knex, 'help_offer_parishes', { parish_code: 'kaunatas' }),
    });
    // A new address the volunteer gave waits for its link, which has left.
    const { helpOffers, helpOfferLinks } = context.services;
    const token = helpOfferLinks.manageToken(kaunata.id);
    const own = (await helpOffers.owned(kaunata.id, token))!;
    await helpOffers.update(kaunata.id, token, { ...own, email: 'ilze.jauna@example.lv' });
    await knex('outbox').where({ to_email: 'ilze.jauna@example.lv' }).update({ status: 'sent' });
    const before = await statistics();
    // The emails written to the volunteer: the first has left, the others are waiting.
    const toVolunteer = await knex('outbox')
      .whereRaw('lower(to_email) = ?', ['ilze@example.lv'])
      .orderBy('id');
    assert.ok(toVolunteer.length >= 2, 'a confirmation and what followed it');
    assert.ok(toVolunteer.every((mail) => mail.help_offer_id === kaunata.id));
    await knex('outbox').where({ id: toVolunteer[0].id }).update({ status: 'sent', sent_at: new Date() });
    const page = await as.social_worker.agent
      .get(`/staff/help/offers/${kaunata.id}/erase?lang=en`)
      .expect(200);
    assert.match(page.text, /Erasing cannot be undone/);
    assert.match(page.text, /name="_csrf"/);
    await as.social_worker.agent
      .post(`/staff/help/offers/${kaunata.id}/erase`)
      .type('form')
      .send({})
      .expect(403);
    assert.equal((await knex('help_offers').where({ id: kaunata.id }).first()).erased_at, null);
    const res = await postForm(as.social_worker, `/staff/help/offers/${kaunata.id}/erase`).expect(303);
    assert.equal(res.headers.location, `/staff/help/offers/${kaunata.id}?done=erased&lang=en`);
    const row = await knex('help_offers').where({ id: kaunata.id }).first();
    assert.equal(row.name, '');
    assert.equal(row.email, '');
    assert.equal(row.phone, null);
    assert.equal(row.about, '');
    assert.equal(row.times, '');
    assert.equal(row.status, 'withdrawn');
    assert.ok(row.erased_at);
    assert.ok(row.withdrawn_at);
    assert.equal(row.days, 'sat');
    assert.equal(row.speaks, 'lv,ru');
    assert.deepEqual(await statistics(), before);
    // What had not left never will; what left keeps its row, without words or address.
    assert.equal(await count(knex, 'outbox', { to_email: 'ilze@example.lv' }), 0);
    assert.equal(await count(knex, 'outbox', { to_email: 'ilze.jauna@example.lv' }), 0);
    const left = await knex('outbox').where({ help_offer_id: kaunata.id }).orderBy('id');
    assert.deepEqual(
      left.map((mail) => [mail.to_email, mail.to_name, mail.subject, mail.text_body, mail.html_body]),
      [
        ['erased@invalid', null, '[erased]', '', ''],
        ['erased@invalid', null, '[erased]', '', ''],
      ],
    );
    assert.equal(left[0].id, toVolunteer[0].id);
    assert.ok(left.every((mail) => mail.bodies_purged_at));
    const audit = await knex('audit_log').where({ action: 'help_offer.erase' }).first();
    assert.equal(audit.object_id, String(kaunata.id));
    assert.doesNotMatch(JSON.stringify(audit), /ilze|29000000|HYPERLINK|Braucu/i);
    const shown = await as.social_worker.agent.get(res.headers.location!).expect(200);
    assert.match(shown.text, /Erased volunteer \(no\. \d+\)/);
    assert.doesNotMatch(shown.text, /data-qa="erase-link"/);
    // The volunteer's own link no longer opens anything, and the public page no longer counts it.
    await request(context.app).get(kaunata.manage).expect(404);
    const again = await postForm(as.social_worker, `/staff/help/offers/${kaunata.id}/erase`).expect(303);
    assert.match(again.headers.location ?? '', /done=already&lang=en$/);
    assert.equal(await count(knex, 'audit_log', { action: 'help_offer.erase' }), 1);
    const exported = await as.admin.agent.get(`/staff/help/offers/${kaunata.id}/export.json`).expect(200);
    assert.doesNotMatch(exported.text, /ilze|29000000/i);
  });
});
