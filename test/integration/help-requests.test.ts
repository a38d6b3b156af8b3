import assert from 'node:assert/strict';
import request from 'supertest';
import * as helpTitlesInLatvian from '../../migrations/20261224010000_help_titles_in_latvian.js';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff, postForm, signIn } from '../support/staff.js';
import { askForHelp, count, forOtherFields, postRequest, requestFields } from './help-requests-helpers.js';

const SOCIAL = 'kaunatas.socialais@example.org';

describe('asking for help: a private report, routed at once to the social worker alone', () => {
  let context: TestContext;
  const outbox = (where: Record<string, unknown>) => context.services.knex('outbox').where(where);

  beforeEach(async () => {
    context = await makeApp();
  });

  it('shows a form in plain words that asks who it is for, and needs no account', async () => {
    const res = await request(context.app).get('/help/request?lang=en').expect(200);
    assert.match(res.text, /<h1>Ask for help<\/h1>/);
    assert.match(res.text, /<title>Ask for help — Tilts<\/title>/);
    assert.match(res.text, /name="for_whom" value="self" checked/);
    assert.match(res.text, /name="wants" value="volunteer" checked/);
    // No language is said for the person before anyone says who it is (help-request-languages.test.ts).
    assert.doesNotMatch(res.text, /name="speaks" value="[a-z]+" checked/);
    assert.match(res.text, /A phone number is enough/);
    for (const kind of ['transport', 'shopping', 'household', 'company', 'digital', 'paperwork', 'other'])
      assert.match(res.text, new RegExp(`name="kinds" value="${kind}"`));
    assert.match(res.text, /name="wants" value="call_back"/);
    assert.match(res.text, /name="wants" value="visit"/);
    // The person asked for is not assumed to be a man (most who live alone are women).
    const ru = (await request(context.app).get('/help/request?lang=ru').expect(200)).text;
    const lv = (await request(context.app).get('/help/request?lang=lv').expect(200)).text;
    assert.match(ru, /Имя этого человека/);
    assert.match(lv, /Šī cilvēka vārds/);
    assert.doesNotMatch(ru, /Его имя|Его телефон|Знает ли он,/);
    assert.doesNotMatch(lv, /Viņa vārds|Viņa tālrunis|Vai viņš zina/);
    const preset = await request(context.app)
      .get('/help/request?parish=maltas&category=social-other')
      .expect(200);
    assert.match(preset.text, /<option value="maltas" selected>/);
    assert.match(preset.text, /name="category" value="social-other" checked/);
  });

  it('takes a request for oneself with only a phone: open at once, no confirmation, the social worker alone', async () => {
    const res = await postRequest(context, requestFields({ wants: 'call_back' }), 'en').expect(303);
    const ref = /^\/help\/request\/sent\?ref=(RZN-\d{4}-\d+)&by=phone&lang=en$/.exec(
      res.headers.location!,
    )?.[1];
    assert.ok(ref, res.headers.location);
    const report = await context.services.knex('reports').where({ ref }).first();
    assert.equal(report.is_private, true);
    assert.equal(report.status, 'open');
    assert.ok(report.confirmed_at && report.routed_at);
    assert.equal(report.category_code, 'elderly-help');
    assert.equal(report.reporter_email, null);
    assert.equal(report.reporter_phone, '+371 2000 0001');
    assert.equal(report.language, 'en');
    // Tilts's words, stored as staff read them: an English asker's request reads in Latvian to them.
    assert.equal(report.title, 'Lūgums pēc palīdzības: Malka un mājas darbi');
    const help = await context.services.knex('help_requests').where({ report_id: report.id }).first();
    assert.equal(help.for_whom, 'self');
    assert.equal(help.wants, 'call_back');
    assert.equal(help.kinds, 'household');
    assert.equal(help.days, 'sat');
    assert.equal(help.speaks, 'lv,ltg');
    assert.equal(help.subject_name, null);
    const recipients = await context.services
      .knex('report_recipients')
      .where({ report_id: report.id })
      .pluck('email');
    assert.deepEqual(recipients, [SOCIAL]);
    assert.deepEqual(await outbox({ report_id: report.id }).pluck('kind'), ['report-new']);
    assert.deepEqual(await outbox({ report_id: report.id }).pluck('to_email'), [SOCIAL]);
    const mail = await outbox({ report_id: report.id }).first();
    assert.match(mail.text_body, /\+371 2000 0001/);
    assert.match(mail.subject, /Lūgums pēc palīdzības: Malka un mājas darbi/);
    assert.match(
      mail.html_body,
      /<h2 [^>]*>Lūgums pēc palīdzības: Malka un mājas darbi<\/h2>/,
      'no lang="en" on it',
    );
    // The social worker reads a request for help, with the way to the desk where a volunteer is proposed.
    assert.match(mail.html_body, /Jauns palīdzības lūgums/);
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /ir lūdzis palīdzību/);
      assert.doesNotMatch(body, /ziņojis par problēmu/);
      assert.ok(String(body).includes(`/staff/help/requests/${ref}`), 'a link to the request’s desk');
    }
    const sent = await request(context.app).get(res.headers.location!).expect(200);
    assert.ok(sent.text.includes(`Your request number is ${ref}.`));
    assert.match(sent.text, /The social worker will contact you by phone/);
  });

  it('sends the one who asked by email their private link, in their language', async () => {
    const { ref, id } = await askForHelp(
      context,
      requestFields({ email: 'galina@example.lv', phone: '' }),
      'ru',
    );
    const [mail] = await outbox({ kind: 'help-request-received', report_id: id });
    assert.equal(mail.to_email, 'galina@example.lv');
    assert.equal(mail.language, 'ru');
    assert.equal(mail.subject, `Ваша просьба о помощи ${ref} получена`);
    // The office's own name, and what it is in the reader's language.
    assert.match(
      mail.text_body,
      /отправлена: социальный работник общины \(Kaunatas pagasta sociālais darbinieks\)\./,
    );
    assert.match(
      mail.html_body,
      /социальный работник общины \(<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>\)/,
    );
    assert.match(mail.text_body, /Социальный работник поищет волонтёра/);
    const link = new URL(/http:\/\/tilts\.test\/reports\/\S+/.exec(mail.text_body)![0]);
    assert.equal(link.searchParams.get('lang'), 'ru');
    const page = await request(context.app).get(`${link.pathname}${link.search}`).expect(200);
    assert.match(page.text, /Vajag sagādāt malku ziemai/);
    assert.match(page.text, /<html lang="ru">/);
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'report-confirm' }), 0);
  });

  it('tells the person it is for by email (GDPR art. 14): what, by whom, why, who sees it, how to object', async () => {
    const { ref, id } = await askForHelp(context, forOtherFields(), 'en');
    const [mail] = await outbox({ kind: 'help-request-subject', report_id: id });
    assert.equal(mail.to_email, 'anna.liepa@example.lv');
    assert.equal(mail.to_name, 'Anna Liepa');
    // Their language need not be the asker's: Latvian first, English and Russian below.
    assert.equal(mail.language, 'lv');
    assert.equal(mail.reply_to, SOCIAL);
    assert.equal(
      mail.subject,
      `Kāds ir lūdzis sociālo darbinieku jums palīdzēt (${ref}) / Someone has asked the social worker to help you (${ref}) / Кто-то попросил социального работника помочь вам (${ref})`,
    );
    assert.match(
      mail.text_body,
      /^Pēteris Laizāns has asked the community social worker of Kaunata parish to help you/m,
    );
    assert.match(mail.text_body, /- your name\n/);
    assert.match(mail.text_body, /- your email address\n/);
    assert.doesNotMatch(mail.text_body, /your phone number/);
    assert.match(
      mail.text_body,
      /the help you may need: Transport \(lifts to town and back\), Shopping and pharmacy/,
    );
    assert.match(
      mail.text_body,
      /The community social worker of your parish and the municipality’s administrators see it/,
    );
    // Not "only": once Pēteris agrees to a volunteer, the volunteer gets Anna's contact and place.
    assert.match(
      mail.text_body,
      /Pēteris Laizāns agrees, the volunteer receives your name, your email address, and the village or address given/,
    );
    assert.match(mail.text_body, /object, or have it erased/);
    assert.match(mail.text_body, /Kaunatas pagasta sociālais darbinieks: kaunatas\.socialais@example\.org/);
    assert.match(mail.text_body, /http:\/\/tilts\.test\/privacy/);
    // Never the words the other person wrote about them.
    assert.doesNotMatch(mail.text_body, /pie ārsta/);
    const help = await context.services.knex('help_requests').where({ report_id: id }).first();
    assert.ok(help.subject_told_at, 'recorded as told');
    assert.equal(help.subject_knows, 'yes');
    const received = await outbox({ kind: 'help-request-received', report_id: id }).first();
    assert.equal(received.to_email, 'peteris@example.lv');
    assert.match(received.text_body, /You asked for someone else/);
    assert.deepEqual((await outbox({ kind: 'report-new', report_id: id }).pluck('to_email')) as string[], [
      SOCIAL,
    ]);
  });

  it('tells nobody by email when only a phone is known for the person: staff are to tell them', async () => {
    const { id } = await askForHelp(
      context,
      forOtherFields({ subject_email: '', subject_phone: '29 000 002', subject_knows: 'unsure' }),
    );
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'help-request-subject' }), 0);
    const help = await context.services.knex('help_requests').where({ report_id: id }).first();
    assert.equal(help.subject_told_at, null);
    assert.equal(help.subject_phone, '29 000 002');
    assert.equal(help.subject_knows, 'unsure');
  });

  it('keeps nothing about a person it is not for when one asks for oneself', async () => {
    const { id } = await askForHelp(
      context,
      requestFields({ subject_name: 'Nav', subject_email: 'nav@example.lv', subject_knows: 'no' }),
    );
    const help = await context.services.knex('help_requests').where({ report_id: id }).first();
    assert.deepEqual(
      [help.subject_name, help.subject_email, help.subject_phone, help.subject_knows],
      [null, null, null, null],
    );
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'help-request-subject' }), 0);
  });

  it('shows a request on no public surface: the list, search, filters, its page without a token, home', async () => {
    const { ref } = await askForHelp(
      context,
      forOtherFields({
        description: 'Slepens apraksts Zeltiņš',
        phone: '+371 2999 9999',
        subject_phone: '26 111 111',
      }),
    );
    const secrets = [
      ref,
      'Zeltiņš',
      'Anna Liepa',
      'Pēteris',
      'peteris@example.lv',
      'anna.liepa@example.lv',
      '2999',
      '26 111',
    ];
    for (const path of [
      '/',
      '/reports',
      '/reports?q=Zelti%C5%86%C5%A1',
      '/reports?category=elderly-help',
      '/reports?parish=kaunatas',
      '/?lang=en',
    ]) {
      const res = await request(context.app).get(path).expect(200);
      // The search box and the page title show what was searched for, and nothing that was found.
      const text = res.text
        .replaceAll('value="Zeltiņš"', '')
        .replace(/<title>[^<]*<\/title>/, (title) => title.replaceAll('Zeltiņš', ''));
      for (const secret of secrets) assert.ok(!text.includes(secret), `${path} shows ${secret}`);
    }
    await request(context.app).get(`/reports/${ref}`).expect(404);
    await request(context.app).get(`/reports/${ref}?token=not-the-token`).expect(404);
  });

  it('points people from the report form to this form for help for a person', async () => {
    // The link keeps the form's language (Latvian, the default, needs none).
    for (const [lang, words, query] of [
      ['lv', 'lūgt palīdzību', ''],
      ['en', 'ask for help', '\\?lang=en'],
      ['ru', 'попросить о помощи', '\\?lang=ru'],
    ] as const) {
      const form = await request(context.app).get(`/reports/new?lang=${lang}`).expect(200);
      assert.match(
        form.text,
        new RegExp(`data-qa="ask-help">[^<]+<a href="/help/request${query}">${words}</a>`),
      );
    }
  });

  it('holds a banned sender’s request for staff: never routed, nobody else emailed', async () => {
    await context.services
      .knex('banned_senders')
      .insert({ kind: 'domain', value: 'spam.example', reason: 'x', created_at: new Date() });
    const { id } = await askForHelp(context, forOtherFields({ email: 'a@spam.example' }));
    const report = await context.services.knex('reports').where({ id }).first();
    assert.ok(report.held_at);
    assert.equal(report.routed_at, null);
    assert.deepEqual(await outbox({ report_id: id }).pluck('kind'), ['help-request-received']);
  });
});

describe('a request’s title is Tilts’s words, read in each reader’s language', () => {
  it('Latvian for the social worker, Russian for the asker, English on an English staff page', async () => {
    const context = await makeApp();
    const worker = await signIn(
      context,
      await addStaff(context, { email: SOCIAL, role: 'social_worker', contacts: ['kaunatas-social'] }),
    );
    const fields = requestFields({ email: 'galina@example.lv', phone: '', kinds: ['shopping', 'transport'] });
    const { id, ref } = await askForHelp(context, fields, 'ru');
    const LV = 'Lūgums pēc palīdzības: Transports (aizvest, atvest), Iepirkumi un aptieka';
    const RU = 'Просьба о помощи: Транспорт (отвезти и привезти), Покупки и аптека';
    type Mail = { subject: string; html_body: string; text_body: string };
    const mail = async (kind: string) =>
      ((await context.services.knex('outbox').where({ report_id: id, kind })) as Mail[])[0]!;
    const told = await mail('report-new');
    assert.ok(told.subject.includes(LV), told.subject);
    assert.ok(told.html_body.includes(`>${LV}</h2>`), 'in Latvian, with no lang="ru" on it');
    // The asker's own page and the answer the social worker writes reach them in Russian.
    const received = await mail('help-request-received');
    const link = new URL(/http:\/\/tilts\.test\/reports\/\S+/.exec(received.text_body)![0]);
    const page = await request(context.app).get(`${link.pathname}${link.search}`).expect(200);
    assert.ok(page.text.includes(`<h1 class="report__title" data-qa="title">${RU}</h1>`), 'Russian, no lang');
    // The asker's page speaks of their request, not of a problem report.
    for (const words of [
      `<title>Ваша страница: ${RU}`,
      'Ваша просьба конфиденциальна',
      'Напишите социальному работнику',
      'Помощь больше не нужна',
      'Отозвать эту просьбу',
      // Withdrawing is told apart from "no longer needed": it is for a request sent by mistake.
      'Если вы отправили просьбу по ошибке',
      'Просьба получена и передана социальному работнику',
    ])
      assert.ok(page.text.includes(words), words);
    assert.doesNotMatch(page.text, /Проблема решена|Отозвать это сообщение|Сообщение конфиденциально/);
    // Marked as no longer needed, it offers to reopen it, and no longer names a button that is gone.
    const own = `${link.pathname}?token=${link.searchParams.get('token')}`;
    await request(context.app)
      .post(`/reports/${ref}/actions`)
      .field('token', link.searchParams.get('token')!)
      .field('action', 'resolve')
      .expect(303);
    const resolved = await request(context.app).get(`${own}&lang=ru`).expect(200);
    assert.ok(resolved.text.includes('Помощь всё ещё нужна — открыть снова'));
    assert.ok(resolved.text.includes('отметьте, что помощь всё ещё нужна'));
    assert.ok(resolved.text.includes('Если вы отправили просьбу по ошибке'));
    assert.doesNotMatch(resolved.text, /Помощь больше не нужна/);
    await request(context.app)
      .post(`/reports/${ref}/actions`)
      .field('token', link.searchParams.get('token')!)
      .field('action', 'reopen')
      .expect(303);
    await postForm(worker, `/staff/reports/${ref}/update`, {
      status: 'acknowledged',
      publicText: 'Sazināšos ar jums rīt.',
    }).expect(303);
    const update = await mail('report-update');
    assert.ok(update.subject.includes(RU), update.subject);
    assert.ok(update.html_body.includes(`<span>${RU}</span>`), 'Russian, with no lang="lv" on it');
    // The workspace says it in the page's language.
    const staffPage = await worker.agent.get(`/staff/reports/${ref}?lang=en`).expect(200);
    assert.match(
      staffPage.text,
      /<h1>Request for help: Transport \(lifts to town and back\), Shopping and pharmacy<\/h1>/,
    );
    const desk = await worker.agent.get(`/staff/help/requests/${ref}?lang=en`).expect(200);
    assert.match(desk.text, /Request for help: Transport \(lifts to town and back\), Shopping and pharmacy/);
    const hub = await worker.agent.get('/staff/help?lang=ru').expect(200);
    assert.ok(hub.text.includes(RU), 'the list of requests waiting');
    // The queue too: the request in the page's language; as the request's own page does.
    const queue = await worker.agent.get('/staff?lang=ru').expect(200);
    assert.ok(queue.text.includes(`<span class="table__sub">${RU}</span>`), 'the request, in Russian');
    assert.ok(!queue.text.includes(LV), 'not in Latvian');
    // Withdrawing asks about the request by its title in the asker's language, not the stored Latvian.
    assert.match(link.search, /lang=ru/, 'the emailed link carries the asker’s language');
    const withdraw = await request(context.app).get(`/reports/${ref}/withdraw${link.search}`).expect(200);
    assert.match(
      withdraw.text,
      new RegExp(`data-qa="withdraw-question">[^<]*<span>${RU.replace(/[()]/g, '\\$&')}</span>`),
    );
    assert.match(withdraw.text, /<h1 class="report__title">Отозвать просьбу<\/h1>/);
    assert.match(withdraw.text, /Вы действительно хотите отозвать просьбу «/);
    assert.ok(!withdraw.text.includes(LV), 'not in Latvian');
    // A title made in the asker's language before is made again in Latvian by a migration.
    await context.services.knex('reports').where({ id }).update({ title: RU, language: 'ru' });
    await helpTitlesInLatvian.up(context.services.knex);
    assert.equal((await context.services.knex('reports').where({ id }).first('title')).title, LV);
  });
});
