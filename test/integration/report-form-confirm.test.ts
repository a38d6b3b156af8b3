import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, linkFrom, postForm, validFields } from './report-form-helpers.js';

describe('confirming a report by the emailed link', () => {
  let context: TestContext;
  let now: Date;
  before(async () => {
    now = new Date('2026-04-01T09:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });
  beforeEach(async () => {
    now = new Date('2026-04-01T09:00:00Z');
    await context.services.knex('rate_limits').delete();
  });

  async function sendReport(overrides: Record<string, string> = {}, lang?: string) {
    await postForm(context.app, validFields(overrides), { extra: [['reviewed', '1']], lang }).expect(303);
    const link = await linkFrom(context.services.knex, 'report-confirm', 'reports');
    const report = await context.services.knex('reports').orderBy('id', 'desc').first();
    return { link, report };
  }

  it('confirms nothing on GET, which mail scanners fetch: it shows one button that posts back', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'scanner@example.lv' });
    const page = await request(app).get(link).expect(200);
    assert.match(page.text, /<h1>Apstipriniet savu ziņojumu<\/h1>/);
    assert.ok(page.text.includes(`<form method="post" action="${link}" data-qa="confirm-form">`));
    assert.match(page.text, /Apstiprināt manu ziņojumu<\/button>/);
    assert.equal((await services.knex('reports').where({ id: report.id }).first()).status, 'unconfirmed');
    assert.equal(await count(services.knex, 'outbox', { kind: 'report-new', report_id: report.id }), 0);
  });

  it('confirms on POST and names the recipients, with links to the public and the private page', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'confirm@example.lv' });
    const res = await request(app).post(`${link}?lang=en`).expect(200);
    const stored = await services.knex('reports').where({ id: report.id }).first();
    assert.equal(stored.status, 'open');
    assert.match(res.text, /Thank you: your report has been sent/);
    assert.ok(res.text.includes(`Report ${stored.ref} was sent to:`));
    // The offices by their role, then their official Latvian names, marked so on an English page.
    assert.match(res.text, /the parish administration \(<span lang="lv">Kaunatas pagasta pārvalde<\/span>\)/);
    assert.match(
      res.text,
      /the community social worker \(<span lang="lv">Kaunatas pagasta sociālais darbinieks<\/span>\)/,
    );
    // In the page's language, which a shared link or a browser without cookies would not keep.
    assert.ok(res.text.includes(`href="${services.links.report(stored.ref)}?lang=en"`));
    assert.ok(
      res.text.includes(
        `href="${`${services.links.reporterPage(stored.ref)}&lang=en`.replace(/&/g, '&amp;')}"`,
      ),
    );
    const routed = await services
      .knex('outbox')
      .where({ kind: 'report-new', report_id: report.id })
      .pluck('to_email');
    assert.deepEqual(routed.sort(), ['kaunatas.parvalde@example.org', 'kaunatas.socialais@example.org']);
  });

  it('names each office by its role first in English and Russian, on the page and in the email after it', async () => {
    const { app, services } = context;
    const offices = {
      lv: ['Kaunatas pagasta sociālais darbinieks, Kaunatas pagasta pārvalde', 'Tas ir nosūtīts: '],
      en: [
        'the community social worker (Kaunatas pagasta sociālais darbinieks), the parish administration (Kaunatas pagasta pārvalde)',
        'It has been sent to: ',
      ],
      ru: [
        'социальный работник общины (Kaunatas pagasta sociālais darbinieks), управление волости (Kaunatas pagasta pārvalde)',
        'Оно отправлено: ',
      ],
    };
    for (const [language, [list, sentence]] of Object.entries(offices)) {
      const { link, report } = await sendReport({ email: `offices-${language}@example.lv` }, language);
      const page = await request(app).post(`${link}?lang=${language}`).expect(200);
      const shown = /<ul data-qa="recipients">[\s\S]*?<\/ul>/.exec(page.text)![0];
      const items = [...shown.matchAll(/<li>(.*?)<\/li>/g)].map((item) => item[1]!.replace(/<[^>]+>/g, ''));
      if (language === 'lv')
        assert.ok(items.includes('Kaunatas pagasta pārvalde (pagasta pārvalde)'), items.join('; '));
      else assert.deepEqual(items.slice(0, 2), list!.split(/(?<=\)), /));
      const email = (await services
        .knex('outbox')
        .where({ kind: 'report-published', report_id: report.id })
        .first()) as { text_body: string; html_body: string };
      assert.ok(email.text_body.includes(`${sentence}${list}.`), `${language}\n${email.text_body}`);
      const html = email.html_body.replace(/<span lang="lv">([^<]*)<\/span>/g, '$1');
      assert.ok(html.includes(`${sentence}${list}.`), language);
      if (language !== 'lv')
        assert.ok(email.html_body.includes('(<span lang="lv">Kaunatas pagasta pārvalde</span>)'));
    }
  });

  it('names the confirming button one way from the page after the form to the email and its page, in each language', async () => {
    const { app, services } = context;
    const quoted = /[„“«]([^”»]+)[”»]/;
    for (const language of ['lv', 'en', 'ru']) {
      for (const category of ['roads', 'elderly-help']) {
        const sent = await postForm(app, validFields({ category, email: `button-${language}@example.lv` }), {
          extra: [['reviewed', '1']],
          lang: language,
        }).expect(303);
        // The redirect keeps the language the form was sent in (none for Latvian, the default).
        const lang = language === 'lv' ? '' : `lang=${language}`;
        const sentPath = category === 'roads' ? '/reports/sent' : '/reports/sent?private=1';
        assert.equal(
          sent.headers.location,
          lang ? `${sentPath}${sentPath.includes('?') ? '&' : '?'}${lang}` : sentPath,
        );
        const sentPage = await request(app).get(sent.headers.location!);
        const name = quoted.exec(/<p class="lead">([^<]*)<\/p>/.exec(sentPage.text)![1]!)![1]!;
        const email = (await services
          .knex('outbox')
          .where({ kind: 'report-confirm' })
          .orderBy('id', 'desc')
          .first()) as {
          text_body: string;
          html_body: string;
        };
        assert.ok(
          email.text_body.includes(`\n${name}:\nhttp`),
          `${language}/${category}: ${name}\n${email.text_body}`,
        );
        assert.match(email.html_body, new RegExp(`>${name}</a></p>`), `${language}/${category}`);
        const link = await linkFrom(services.knex, 'report-confirm', 'reports');
        const page = await request(app).get(`${link}?lang=${language}`).expect(200);
        assert.match(
          page.text,
          new RegExp(`data-qa="confirm-button">${name}</button>`),
          `${language}/${category}`,
        );
        await services.knex('rate_limits').delete();
      }
    }
  });

  it('is harmless when confirmed twice: the same page, and no second routing email', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'twice@example.lv' });
    await request(app).post(link).expect(200);
    const emails = await count(services.knex, 'outbox', { report_id: report.id });
    const again = await request(app).post(`${link}?lang=en`).expect(200);
    assert.match(again.text, /Your report is already confirmed/);
    assert.equal(await count(services.knex, 'outbox', { report_id: report.id }), emails);
    // Whoever presses a forwarded link's button again gets no private link: it went by email.
    assert.doesNotMatch(again.text, /token=|data-qa="private-link"/);
    assert.match(again.text, /data-qa="private-link-emailed">The link to your own page for this report/);
  });

  it('gives a private report no public link', async () => {
    const { app } = context;
    const { link } = await sendReport({ category: 'elderly-help', email: 'private@example.lv' });
    const res = await request(app).post(`${link}?lang=en`).expect(200);
    assert.doesNotMatch(res.text, /data-qa="public-link"/);
    assert.match(res.text, /This report is private/);
    assert.match(
      res.text,
      /the community social worker \(<span lang="lv">Kaunatas pagasta sociālais darbinieks/,
    );
    assert.doesNotMatch(
      /<ul data-qa="recipients">[\s\S]*?<\/ul>/.exec(res.text)![0],
      /parish administration/,
    );
  });

  it('says a link older than 7 days has expired, and confirms nothing', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'late@example.lv' });
    now = new Date('2026-04-08T09:00:01Z');
    const res = await request(app).post(`${link}?lang=ru`).expect(410);
    assert.match(res.text, /Срок действия ссылки истёк/);
    assert.match(res.text, /действительна 7 дней/);
    assert.equal((await services.knex('reports').where({ id: report.id }).first()).status, 'unconfirmed');
  });

  it('answers a forged or mangled token with a translated 404 page', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'forged@example.lv' });
    const [id, expires] = link.split('/').at(-1)!.split('.') as [string, string];
    for (const token of [
      `${id}.${expires}.${'A'.repeat(32)}`,
      `${Number(id) + 1}.${expires}.x`,
      'garbage',
      '%3Cscript%3E',
    ]) {
      const res = await request(app).post(`/reports/confirm/${token}?lang=en`).expect(404);
      assert.match(res.text, /This link does not work/);
      assert.doesNotMatch(res.text, /<script>/);
    }
    assert.equal((await services.knex('reports').where({ id: report.id }).first()).status, 'unconfirmed');
  });

  it('says at once on GET that a used link already confirmed the report, with no button', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'used@example.lv' });
    await request(app).post(link).expect(200);
    const emails = await count(services.knex, 'outbox', { report_id: report.id });
    // Even a week later: the report is confirmed, and the link leads to it rather than "expired".
    now = new Date('2026-04-09T09:00:00Z');
    const page = await request(app).get(`${link}?lang=en`).expect(200);
    assert.match(page.text, /<h1>Your report is already confirmed<\/h1>/);
    assert.match(page.text, /data-qa="report-confirmed" data-outcome="already"/);
    assert.doesNotMatch(page.text, /data-qa="confirm-form"/);
    const stored = await services.knex('reports').where({ id: report.id }).first();
    // The report's public page, and where its private link went; never the private link itself,
    // which a forwarded email or a shared browser would otherwise hand to anyone opening it again.
    assert.ok(page.text.includes(`href="${services.links.report(stored.ref)}?lang=en"`));
    assert.ok(!page.text.includes(services.links.reporterToken(stored.ref)), 'no private link');
    assert.match(
      page.text,
      /sent it to the email address you gave \(the email “Your report RZN-\d{4}-\d+ has been sent”\)/,
    );
    for (const lang of ['lv', 'ru']) {
      const other = await request(app).get(`${link}?lang=${lang}`).expect(200);
      assert.ok(!other.text.includes(services.links.reporterToken(stored.ref)), lang);
      assert.match(
        other.text,
        lang === 'lv' ? /Jūsu ziņojums RZN-\S+ ir nosūtīts/ : /Ваше сообщение RZN-\S+ отправлено/,
      );
    }
    // That email is where the reporter finds it: the reporter is not left without their page.
    const sent = (await services
      .knex('outbox')
      .where({ kind: 'report-published', report_id: report.id })
      .first()) as { text_body: string };
    assert.ok(sent.text_body.includes(services.links.reporterPage(stored.ref)));
    assert.equal(await count(services.knex, 'outbox', { report_id: report.id }), emails);
  });

  it('says at once on GET that a link has expired, as the button would have, and confirms nothing', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'late-get@example.lv' });
    now = new Date('2026-04-08T09:00:01Z');
    const page = await request(app).get(`${link}?lang=ru`).expect(410);
    assert.match(page.text, /Срок действия ссылки истёк/);
    assert.match(page.text, /data-qa="confirm-failed" data-outcome="expired"/);
    assert.doesNotMatch(page.text, /data-qa="confirm-form"/);
    assert.equal((await services.knex('reports').where({ id: report.id }).first()).status, 'unconfirmed');
  });

  it('says at once on GET that a forged, mangled or withdrawn report’s link does not work', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'forged-get@example.lv' });
    const [id, expires] = link.split('/').at(-1)!.split('.') as [string, string];
    for (const token of [`${id}.${expires}.${'A'.repeat(32)}`, `${Number(id) + 1}.${expires}.x`, 'garbage']) {
      const page = await request(app).get(`/reports/confirm/${token}?lang=en`).expect(404);
      assert.match(page.text, /This link does not work/);
      assert.doesNotMatch(page.text, /data-qa="confirm-form"/);
    }
    await request(app).post(link).expect(200);
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    const withdrawn = await request(app).get(`${link}?lang=en`).expect(404);
    assert.match(withdrawn.text, /This link does not work/);
  });

  it('treats the link of a withdrawn report as not working', async () => {
    const { app, services } = context;
    const { link, report } = await sendReport({ email: 'withdrawn@example.lv' });
    await request(app).post(link).expect(200);
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    await request(app).post(link).expect(404);
  });
});
