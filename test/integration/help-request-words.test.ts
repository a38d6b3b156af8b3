import assert from 'node:assert/strict';
import request from 'supertest';
import type { Language } from '../../src/i18n/index.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest } from '../support/help.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_CLERK, KAUNATA_WORKER, postForm, signIn } from '../support/staff.js';

// What a problem report is called in each language, and what a request for help is.
const REPORT: Record<Language, RegExp> = { lv: /ziņoj/i, en: /\breport/i, ru: /сообщени|сообщил/i };
const REQUEST: Record<Language, RegExp> = { lv: /lūgum/i, en: /\brequest/i, ru: /просьб/i };
/** A page that asks before it acts says so: "press the button to …", not that it is done. */
const PRESS: Record<Language, RegExp> = {
  lv: /Nospiediet pogu/,
  en: /Press the button/,
  ru: /Нажмите кнопку/,
};

/** The visible words of a page or an email: no addresses (`/reports/…`), no markup. */
const said = (text: string) =>
  text
    .replace(/(href|action|src)="[^"]*"|https?:\/\/\S+/g, '')
    .replace(/<[^>]*>/g, ' ')
    // The site's motto in an email's header is the site's, not the request's.
    .replace(/ziņo, palīdzi|report, help|сообщите, помогите/g, '');

/** A page's own words: its `<main>`, without the site's navigation ("Report a problem"). */
const main = (html: string) => said(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');

/**
 * A request for help shares the reports' pages and emails: its asker, and the social worker who
 * receives it, read of a request in every place; a problem report keeps its own words.
 */
describe('a request for help is called a request, a report a report', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  const mailTo = async (kind: string, reportId: number, email: string) =>
    (await context.services
      .knex('outbox')
      .where({ kind, report_id: reportId, to_email: email })
      .orderBy('id', 'desc')
      .first()) as { subject: string; text_body: string; html_body: string } | undefined;

  for (const language of ['lv', 'en'] as const) {
    it(`tells the asker of a staff answer about their request, and a reporter about their report (${language})`, async () => {
      const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
      const clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
      const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org', language });
      const { report } = await makeReport(context.services, { email: 'janis.b@example.org', language });
      for (const [who, ref] of [
        [worker, asked.ref],
        [clerk, report.ref],
      ] as const)
        await postForm(who, `/staff/reports/${ref}/update`, {
          status: 'acknowledged',
          publicText: 'Paldies, sazināsimies.',
        }).expect(303);

      const asker = await mailTo('report-update', asked.id, 'olga.testova@example.org');
      assert.ok(asker, 'the asker is told');
      for (const body of [asker.text_body, asker.html_body]) {
        assert.doesNotMatch(said(body), REPORT[language], said(body));
        assert.match(said(body), REQUEST[language]);
      }
      const reporter = await mailTo('report-update', report.id, 'janis.b@example.org');
      assert.ok(reporter, 'the reporter is told');
      assert.match(said(reporter.text_body), REPORT[language]);
      assert.doesNotMatch(said(reporter.text_body), REQUEST[language]);
    });
  }

  it('tells the social worker of a new request: who asked, and what their answer does to the request', async () => {
    const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
    const mail = await mailTo('report-new', asked.id, KAUNATA_WORKER.email);
    assert.ok(mail, 'the social worker is told');
    for (const body of [mail.text_body, mail.html_body]) {
      assert.doesNotMatch(said(body), REPORT.lv, said(body));
      assert.match(body, /Lūdzējs/);
      assert.match(body, /tiks pievienota lūguma vēsturei un nosūtīta lūdzējam/);
    }
    const { report } = await makeReport(context.services);
    const parish = await mailTo('report-new', report.id, 'kaunatas.parvalde@example.org');
    assert.ok(parish, 'the parish is told');
    assert.match(parish.text_body, /Ziņotājs: /);
    assert.match(parish.text_body, /tiks pievienota ziņojuma vēsturei/);
  });

  it('says a stale action cannot be done to the request, on the asker’s page; to the report, on a reporter’s', async () => {
    const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
    const { report, token } = await makeReport(context.services);
    for (const [ref, own, words] of [
      [asked.ref, context.services.links.reporterToken(asked.ref), /jo lūguma statuss ir mainījies/],
      [report.ref, token, /jo ziņojuma statuss ir mainījies/],
    ] as const) {
      const post = () => request(context.app).post(`/reports/${ref}/actions`).field('token', own);
      await post().field('action', 'resolve').expect(303);
      const res = await post().field('text', 'Vēlreiz').field('action', 'resolve').expect(422);
      assert.match(res.text, words);
    }
  });

  const pages: [Language, { created: string; confirm: string; cancel: string; who: string }][] = [
    [
      'lv',
      {
        created: 'Lūgums iesniegts',
        confirm: 'Jā, atsaukt lūgumu',
        cancel: 'Nē, atgriezties pie lūguma',
        who: 'Lūdzējs',
      },
    ],
    [
      'ru',
      {
        created: 'Просьба подана',
        confirm: 'Да, отозвать просьбу',
        cancel: 'Нет, вернуться к просьбе',
        who: 'Автор просьбы',
      },
    ],
    [
      'en',
      {
        created: 'Asked on',
        confirm: 'Yes, withdraw the request',
        cancel: 'No, go back to the request',
        who: 'The one who asked',
      },
    ],
  ];
  for (const [language, words] of pages) {
    it(`says "request" on the asker’s own page and its withdraw page (${language}); "report" on a reporter’s`, async () => {
      const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
      const token = context.services.links.reporterToken(asked.ref);
      // The asker's own comment in its history is the asker's, not a reporter's.
      await request(context.app)
        .post(`/reports/${asked.ref}/actions`)
        .field('token', token)
        .field('text', 'Paldies!')
        .field('action', 'comment')
        .expect(303);
      const own = await request(context.app)
        .get(`/reports/${asked.ref}?token=${token}&lang=${language}`)
        .expect(200);
      assert.ok(own.text.includes(`<dt>${words.created}</dt>`), 'its date says when it was asked');
      assert.match(own.text, new RegExp(`data-qa="timeline-who">${words.who}`));
      assert.doesNotMatch(main(own.text), REPORT[language], main(own.text));
      const withdraw = await request(context.app)
        .get(`/reports/${asked.ref}/withdraw?token=${token}&lang=${language}`)
        .expect(200);
      assert.ok(withdraw.text.includes(words.confirm));
      assert.ok(withdraw.text.includes(words.cancel));
      assert.doesNotMatch(main(withdraw.text), REPORT[language], main(withdraw.text));

      const { report, token: reporterToken } = await makeReport(context.services, { showName: true });
      const page = await request(context.app)
        .get(`/reports/${report.ref}?token=${reporterToken}&lang=${language}`)
        .expect(200);
      assert.ok(!page.text.includes(words.created));
      assert.match(main(page.text), REPORT[language]);
      const theirs = await request(context.app)
        .get(`/reports/${report.ref}/withdraw?token=${reporterToken}&lang=${language}`)
        .expect(200);
      assert.ok(!theirs.text.includes(words.confirm) && !theirs.text.includes(words.cancel));
      assert.match(main(theirs.text), REPORT[language]);
    });
  }

  for (const language of ['ru', 'lv', 'en'] as const) {
    it(`says "request" on the asker’s unsubscribe page, and "report" on a reporter’s (${language})`, async () => {
      const asked = await makeHelpRequest(context, { email: 'olga.testova@example.org' });
      const { report } = await makeReport(context.services);
      const path = (id: number) => new URL(context.services.links.unsubscribe('r', id)).pathname;
      const ask = await request(context.app)
        .get(`${path(asked.id)}?lang=${language}`)
        .expect(200);
      assert.doesNotMatch(main(ask.text), REPORT[language], main(ask.text));
      assert.match(main(ask.text), REQUEST[language]);
      assert.match(main(ask.text), PRESS[language], 'asks before the button is pressed');
      assert.ok(main(ask.text).includes(asked.ref), 'names the request by its ref');
      const done = await request(context.app)
        .post(`${path(asked.id)}?lang=${language}`)
        .expect(200);
      assert.doesNotMatch(main(done.text), PRESS[language], 'once pressed, it is done');
      assert.doesNotMatch(main(done.text), REPORT[language]);
      assert.match(main(done.text), REQUEST[language]);
      const theirs = await request(context.app)
        .get(`${path(report.id)}?lang=${language}`)
        .expect(200);
      assert.match(main(theirs.text), REPORT[language]);
      assert.doesNotMatch(main(theirs.text), REQUEST[language]);
      assert.ok(main(theirs.text).includes(report.ref), 'names the report by its ref');
      assert.ok(main(done.text).includes(asked.ref));
    });
  }
});
