import assert from 'node:assert/strict';
import request from 'supertest';
import { ERASED_ADDRESS } from '../../src/mail/erasure.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { askForAlert, confirmedAlert, linkIn, mailTo } from './alerts-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

const PAGE = '/staff/admin/erase-subscriber';
const EMAIL = 'anna.berzina@example.org';
const NEIGHBOUR = 'kaimins@example.org';

/**
 * A resident who follows reports or receives alerts and asks to be removed outright, not only
 * unsubscribed: an administrator types the address, ticks a box, and every follow and alert of it
 * goes, with the emails about them; never the address in a URL or in the audit log.
 */
describe('an administrator erases a follower’s and alert subscriber’s address on their request', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  const outboxTo = async (email: string) =>
    (await context.services
      .knex('outbox')
      .whereRaw('lower(to_email) = ?', [email])
      .orderBy('id')
      .select('kind', 'status', 'report_id', 'text_body')) as {
      kind: string;
      status: string;
      report_id: number | null;
      text_body: string;
    }[];

  it('asks first, then deletes every follow and alert of the address and the emails about them', async () => {
    const { app, services } = context;
    const { knex } = services;
    const followed = (await makeReport(services, { parish: 'kaunatas' })).report;
    const other = (await makeReport(services, { parish: 'maltas' })).report;
    // She has an alert and follows two reports (one asked through the form, so its confirmation
    // email went); a neighbour has an alert and follows too.
    await confirmedAlert(app, knex, EMAIL, { place: 'parish:kaunatas' });
    await confirmedAlert(app, knex, NEIGHBOUR, { place: 'parish:kaunatas' });
    await services.subscriptions.subscribe(followed.ref, {
      email: 'Anna.Berzina@example.org',
      name: 'Anna',
      language: 'lv',
    });
    await knex('subscriptions').insert([
      { report_id: other.id, email: EMAIL, confirmed_at: new Date() },
      { report_id: followed.id, email: NEIGHBOUR, confirmed_at: new Date() },
    ]);
    // Her own report: its emails to her are hers as its reporter, and stay.
    const own = (await makeReport(services, { parish: 'kaunatas', email: EMAIL })).report;
    const alert = linkIn(
      (await mailTo(knex, EMAIL)).find((mail) => mail.kind === 'alert-confirm')!,
      '/alerts/unsubscribe/',
    );
    // As on a running site, what was written to her so far went.
    await knex('outbox').whereRaw('lower(to_email) = ?', [EMAIL]).update({ status: 'sent' });
    // An update she read as a follower went; one of her own report waits, as does an alert.
    const mail = (kind: string, reportId: number, status: string) => ({
      message_id: `<${kind}-${reportId}-${status}@tilts.test>`,
      kind,
      report_id: reportId,
      to_email: EMAIL,
      language: 'lv',
      subject: 'Atjauninājums',
      text_body: 'Labdien, Anna!',
      html_body: '<p>Labdien, Anna!</p>',
      status,
    });
    await knex('outbox').insert([
      mail('report-update', other.id, 'sent'),
      mail('report-update', own.id, 'pending'),
      mail('alert-report', other.id, 'pending'),
    ]);
    const neighbourMail = (await outboxTo(NEIGHBOUR)).length;

    await admin.agent
      .get(`/staff/admin?lang=en`)
      .expect(200)
      .expect(/href="\/staff\/admin\/erase-subscriber"/);
    await admin.agent
      .get(`${PAGE}?lang=en`)
      .expect(200)
      .expect(/Erase a follower or alert subscriber/);
    const empty = await postForm(admin, `${PAGE}?lang=en`, { email: '' }).expect(422);
    assert.match(empty.text, /Fill this in\./);
    const wrong = await postForm(admin, `${PAGE}?lang=en`, { email: 'not an address' }).expect(422);
    assert.match(wrong.text, /Enter one email address/);
    assert.match(wrong.text, /value="not an address"/, 'what was typed is shown again');

    // Found, whatever capitals it was typed with: how many of each, and the box to tick.
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: ' Anna.Berzina@Example.org ' }).expect(
      200,
    );
    assert.match(found.text, /data-qa="holds-follows">2</);
    assert.match(found.text, /data-qa="holds-alerts">1</);
    assert.match(found.text, /data-qa="holds-emails">[1-9]/);
    assert.match(found.text, /action="\/staff\/admin\/erase-subscriber\/confirm\?lang=en"/);
    const unticked = await postForm(admin, `${PAGE}/confirm?lang=en`, {
      email: 'Anna.Berzina@Example.org',
    }).expect(422);
    assert.match(unticked.text, /Tick the box to confirm the resident asked for this\./);
    assert.match(unticked.text, /data-qa="error-summary"/);
    assert.equal(
      (await knex('subscriptions').whereRaw('lower(email) = ?', [EMAIL])).length,
      2,
      'nothing erased unticked',
    );

    const done = await postForm(admin, `${PAGE}/confirm`, {
      email: 'Anna.Berzina@Example.org',
      confirm: '1',
    }).expect(303);
    const location = done.headers.location!;
    assert.match(location, /^\/staff\/admin\/erase-subscriber\?follows=2&alerts=1&emails=\d+&lang=en$/);
    assert.doesNotMatch(location, /anna|@/i, 'the address is never in a URL');

    assert.equal((await knex('subscriptions').whereRaw('lower(email) = ?', [EMAIL])).length, 0);
    assert.equal((await knex('alerts').whereRaw('lower(email) = ?', [EMAIL])).length, 0);
    assert.equal(
      (await knex('subscriptions').where({ email: NEIGHBOUR })).length,
      1,
      'a neighbour’s follow stays',
    );
    assert.equal((await knex('alerts').where({ email: NEIGHBOUR })).length, 1, 'a neighbour’s alert stays');
    assert.equal((await outboxTo(NEIGHBOUR)).length, neighbourMail, 'a neighbour’s emails stay');
    // What is left to her address is her own report's; nothing about following or alerts.
    const left = await outboxTo(EMAIL);
    assert.ok(left.length > 0 && left.every((row) => row.report_id === own.id), JSON.stringify(left));
    const erased = (await knex('outbox').where({ to_email: ERASED_ADDRESS })) as {
      kind: string;
      status: string;
      text_body: string;
    }[];
    assert.deepEqual(erased.map((row) => row.kind).sort(), [
      'alert-confirm',
      'report-update',
      'subscription-confirm',
    ]);
    assert.ok(
      erased.every((row) => row.status !== 'pending' && row.text_body === ''),
      'sent copies kept no words',
    );
    assert.equal(
      (await knex('outbox').where({ kind: 'alert-report', report_id: other.id })).length,
      0,
      'the alert waiting to go to her never goes',
    );

    const result = await admin.agent.get(location).expect(200);
    assert.match(result.text, /Follows of reports removed: 2\./);
    assert.match(result.text, /Alert subscriptions removed: 1\./);
    const audit = await knex('audit_log').where({ action: 'subscriber.erase' });
    assert.equal(audit.length, 1);
    assert.ok(!/anna|berzina/i.test(JSON.stringify(audit)), 'the audit row holds no address');
    const entry = audit[0] as { after: unknown };
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    assert.deepEqual({ follows: after.follows, alerts: after.alerts }, { follows: 2, alerts: 1 });
    const log = await admin.agent.get('/staff/audit?lang=en').expect(200);
    assert.match(log.text, /Erased an address’s follows and alert subscriptions \(on request\)/);

    // Her alert's unsubscribe link still answers, kindly, that nothing more will come.
    const gone = await request(app).get(alert).expect(200);
    assert.match(gone.text, /jūsu adrese tiem vairs netiek glabāta/);
    assert.doesNotMatch(gone.text, /data-qa="unsubscribe-form"/);

    // Asked again: nothing is left, and the page says so.
    const again = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    assert.match(again.text, /data-qa="none-found"/);
    assert.doesNotMatch(again.text, /erase-subscriber-form/);
  });

  it('says in each language how many went, or that none were found', async () => {
    const { knex } = context.services;
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    for (const [lang, removed, none] of [
      [
        'lv',
        /Dzēstas sekošanas ziņojumiem: 1\./,
        /Šai adresei netika atrasta ne sekošana, ne brīdinājumu abonementi, ne neapstiprināti ziņojumi, ne piedāvājums, kurā tā gaida apstiprinājumu: nekas netika dzēsts\./,
      ],
      [
        'en',
        /Follows of reports removed: 1\./,
        /No follows or alert subscriptions, no unconfirmed reports and no offer waiting for it were found for this address: nothing was removed\./,
      ],
      [
        'ru',
        /Удалено подписок на сообщения: 1\./,
        /Для этого адреса не найдено ни подписок на сообщения, ни подписок на оповещения, ни неподтверждённых сообщений, ни предложения, где он ждёт подтверждения: ничего не удалено\./,
      ],
    ] as const) {
      await knex('subscriptions').insert({ report_id: report.id, email: EMAIL, confirmed_at: new Date() });
      // Sent in each language: the page it leads to keeps it (Latvian, the default, needs no lang=).
      const action = `${PAGE}/confirm?lang=${lang}`;
      const inLang = lang === 'lv' ? '' : `&lang=${lang}`;
      const first = await postForm(admin, action, { email: EMAIL, confirm: '1' }).expect(303);
      assert.equal(first.headers.location, `${PAGE}?follows=1&alerts=0&emails=0${inLang}`);
      assert.match((await admin.agent.get(first.headers.location!).expect(200)).text, removed);
      const second = await postForm(admin, action, { email: EMAIL, confirm: '1' }).expect(303);
      assert.equal(second.headers.location, `${PAGE}?follows=0&alerts=0&emails=0${inLang}`);
      assert.match((await admin.agent.get(second.headers.location!).expect(200)).text, none);
    }
  });

  it('deletes the counters of her asks to follow and for alerts, whose key holds her address', async () => {
    const { app, services } = context;
    const { knex } = services;
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    for (const email of ['Anna.Berzina+tilts@Example.org', NEIGHBOUR]) {
      await request(app)
        .post(`/reports/${report.ref}/follow?lang=en`)
        .type('form')
        .send({ name: 'Anna', email })
        .expect(303);
      await askForAlert(app, { email, place: 'parish:kaunatas' }).expect(303);
    }
    const counters = async (part: string) =>
      (
        (await knex('rate_limits').whereRaw('position(? in key) > 0', [part]).pluck('key')) as string[]
      ).sort();
    assert.deepEqual(await counters('berzina'), [`alert:email:${EMAIL}`, `subscribe:email:${EMAIL}`]);

    await postForm(admin, `${PAGE}/confirm`, {
      email: 'anna.berzina+tilts@example.org',
      confirm: '1',
    }).expect(303);
    assert.deepEqual(await counters('berzina'), [], 'no counter keeps her address');
    assert.deepEqual(
      await counters(NEIGHBOUR),
      [`alert:email:${NEIGHBOUR}`, `subscribe:email:${NEIGHBOUR}`],
      'a neighbour’s stay',
    );
  });

  it('refuses an address that is none, even in the confirming form, and erases nothing', async () => {
    const { knex } = context.services;
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    await knex('subscriptions').insert({ report_id: report.id, email: EMAIL, confirmed_at: new Date() });
    const refused = await postForm(admin, `${PAGE}/confirm?lang=en`, {
      email: `${EMAIL}, ${NEIGHBOUR}`,
      confirm: '1',
    }).expect(422);
    assert.match(refused.text, /Enter one email address/);
    assert.equal((await knex('subscriptions').where({ email: EMAIL })).length, 1);
    assert.equal((await knex('audit_log').where({ action: 'subscriber.erase' })).length, 0);
  });
});
