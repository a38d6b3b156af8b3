import assert from 'node:assert/strict';
import request from 'supertest';
import type { Target } from '../../src/moderation/targets.js';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, moveReport, type ReportOptions } from '../support/reports.js';
import { addStaff } from '../support/staff.js';

const refsIn = (html: string) =>
  [...html.matchAll(/data-qa="report-item" data-ref="([^"]+)"/g)].map((match) => match[1]);

describe('searching the public list', () => {
  let context: TestContext;
  const refs: Record<string, string> = {};
  const search = async (q: string) =>
    refsIn(
      (
        await request(context.app)
          .get(`/reports?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).text,
    );

  /** Hides an update the way a moderator does, through the moderation service. */
  async function hideUpdate(report: Report, text: string) {
    const moderator = await addStaff(context, { email: 'moderatore@example.org', role: 'moderator' });
    const { id } = (await context.services
      .knex('report_updates')
      .where({ report_id: report.id, public_text: text })
      .first('id')) as { id: number };
    const target: Target = { kind: 'update', id };
    await context.services.moderation.hiding.hide(
      { id: moderator.id, role: 'moderator', parishes: 'all', contacts: [] },
      report.ref,
      target,
      'Aizskaroši vārdi',
      '127.0.0.1',
    );
  }

  before(async () => {
    context = await makeApp();
    const { services } = context;
    // Every report but the school's is on a street without a school, so "skola" finds that one only.
    const make = (options: ReportOptions) => makeReport(services, { location: 'Parka iela 2', ...options });
    refs.school = (await make({ title: 'Skolas žogs salauzts', location: 'Rēzeknes iela 4' })).report.ref;
    refs.road = (await make({ title: 'Ceļš uz Lūznavu izskalots', description: 'Dziļas risas.' })).report.ref;
    refs.plain = (
      await make({ title: 'Cels bez garumzimem', description: 'Rakstits bez zimem.' })
    ).report.ref;
    const answered = await make({ title: 'Bedre pie veikala' });
    await moveReport(services, answered.report, 'in_progress', {
      role: 'parish_admin',
      text: 'Greiders atbrauks otrdien no Maltas.',
    });
    refs.answered = answered.report.ref;

    // Words that must never lead to a report: an internal note, a hidden update, a private request
    // (and its answer), an unconfirmed report.
    const noted = await make({ title: 'Soliņš parkā' });
    await services.knex.transaction((trx) =>
      services.timeline.addUpdate(
        trx,
        {
          reportId: noted.report.id,
          authorKind: 'staff',
          channel: 'web',
          internalNote: 'Zvanīt Vītolam par Kvarcīta līgumu',
          isPublic: false,
        },
        new Date(),
      ),
    );
    refs.noted = noted.report.ref;
    const hiddenAnswer = await make({ title: 'Lampa pie baznīcas' });
    await moveReport(services, hiddenAnswer.report, 'acknowledged', {
      role: 'parish_admin',
      text: 'Rupjš Kvarcīta teksts',
    });
    await hideUpdate(hiddenAnswer.report, 'Rupjš Kvarcīta teksts');
    refs.hiddenAnswer = hiddenAnswer.report.ref;
    const privateRequest = await make({
      title: 'Kvarcīta ielā kaimiņam vajag malku',
      category: 'elderly-help',
    });
    await moveReport(services, privateRequest.report, 'in_progress', {
      role: 'social_worker',
      text: 'Atvedīsim Dzintara malku.',
    });
    refs.private = privateRequest.report.ref;
    refs.unconfirmed = (await make({ title: 'Kvarcīta neapstiprināts', confirmed: false })).report.ref;
  });

  it('ignores diacritics and case both ways: Rezekne, skola, cels and ceļš', async () => {
    assert.deepEqual(await search('Rezekne'), [refs.school]);
    assert.deepEqual(await search('skola'), [refs.school]);
    assert.deepEqual(await search('SKOLAS ZOGS'), [refs.school]);
    assert.deepEqual(await search('cels'), [refs.plain, refs.road]);
    assert.deepEqual(await search('ceļš'), [refs.plain, refs.road]);
    assert.deepEqual(await search('luznavu'), [refs.road]);
    assert.deepEqual(await search('zīmēm'), [refs.plain]);
  });

  it('finds a report by its number with or without the prefix, in any case', async () => {
    for (const typed of [
      refs.road!,
      refs.road!.toLowerCase(),
      refs.road!.slice(4),
      ` ${refs.road!.slice(4)} `,
    ]) {
      assert.deepEqual(await search(typed), [refs.road], typed);
    }
    const number = Number(refs.road!.slice(9));
    assert.deepEqual(await search(`${refs.road!.slice(4, 8)}-${number}`), [refs.road]);
    assert.deepEqual(await search(refs.private!), []);
    assert.deepEqual(await search(refs.unconfirmed!.slice(4)), []);
  });

  it('finds a report by the words of its public answers, without diacritics too', async () => {
    assert.deepEqual(await search('greiders atbrauks'), [refs.answered]);
    assert.deepEqual(await search('maltas'), [refs.answered]);
    assert.deepEqual(await search('otrdien no Maltas'), [refs.answered]);
  });

  it('never finds a report by an internal note, a hidden update, a private request or an unconfirmed one', async () => {
    assert.deepEqual(await search('Kvarcīta'), []);
    assert.deepEqual(await search('kvarcita'), []);
    assert.deepEqual(await search('Vītolam'), []);
    assert.deepEqual(await search('Dzintara malku'), []);
    assert.deepEqual(await search('kaimiņam vajag'), []);
    // Each of them is still found by its own public words: only the hidden words are not searched.
    assert.deepEqual(await search('soliņš'), [refs.noted]);
    assert.deepEqual(await search('lampa pie baznicas'), [refs.hiddenAnswer]);
  });

  it('keeps the other filters with a search, and takes %, _ and \\ literally', async () => {
    const res = await request(context.app).get('/reports?q=cels&status=in_progress').expect(200);
    assert.deepEqual(refsIn(res.text), []);
    const both = await request(context.app).get('/reports?q=bedre&status=in_progress').expect(200);
    assert.deepEqual(refsIn(both.text), [refs.answered]);
    for (const literal of ['%', '_', '\\', 'ce_s', '%ļš'])
      assert.deepEqual(await search(literal), [], literal);
  });
});

describe('the list as open data', () => {
  it('links to the same reports as CSV and JSON, with the same filters', async () => {
    const context = await makeApp();
    const { report } = await makeReport(context.services, { title: 'Bedre Kaunatā', parish: 'kaunatas' });
    const res = await request(context.app).get('/reports?parish=kaunatas&q=bedre&page=1').expect(200);
    const csv = /<a href="(\/open-data\/reports\.csv[^"]*)">CSV<\/a>/.exec(res.text)?.[1];
    assert.equal(csv, '/open-data/reports.csv?parish=kaunatas&amp;q=bedre');
    const file = await request(context.app).get(csv!.replace(/&amp;/g, '&')).expect(200);
    assert.match(file.text, new RegExp(`"${report.ref}"`));
    assert.match(res.text, /<a href="\/open-data\/reports\.json\?parish=kaunatas&amp;q=bedre">JSON<\/a>/);
  });
});

describe('a parish and an apvienība that do not fit together', () => {
  let context: TestContext;
  let vilaniRef: string;

  before(async () => {
    context = await makeApp();
    vilaniRef = (await makeReport(context.services, { parish: 'vilani', title: 'Viļānu bedre' })).report.ref;
    await makeReport(context.services, { parish: 'kaunatas', title: 'Kaunatas bedre' });
  });

  it('says so in words, with a link that drops each, keeping the other filters', async () => {
    const res = await request(context.app)
      .get('/reports?parish=vilani&apvieniba=kaunatas&status=open&q=bedre')
      .expect(200);
    assert.deepEqual(refsIn(res.text), []);
    assert.doesNotMatch(res.text, /data-qa="no-results"/);
    assert.match(
      res.text,
      /data-qa="contradiction">\s*<p>„Viļānu pilsēta” neietilpst apvienībā „Kaunatas apvienība”, tāpēc neviens ziņojums nevar atbilst abiem filtriem\./,
    );
    assert.match(
      res.text,
      /<a href="\/reports\?parish=vilani&amp;status=open&amp;q=bedre" data-qa="without-apvieniba">Rādīt „Viļānu pilsēta” \(bez apvienības filtra\)<\/a>/,
    );
    assert.match(
      res.text,
      /<a href="\/reports\?apvieniba=kaunatas&amp;status=open&amp;q=bedre" data-qa="without-parish">Rādīt visu „Kaunatas apvienība” \(bez pagasta filtra\)<\/a>/,
    );
    // Following the first link finds the report the contradiction hid.
    const dropped = await request(context.app).get('/reports?parish=vilani&status=open&q=bedre').expect(200);
    assert.deepEqual(refsIn(dropped.text), [vilaniRef]);
  });

  it('speaks English and Russian, and says nothing when the parish is in the apvienība', async () => {
    const en = await request(context.app)
      .get('/reports?parish=vilani&apvieniba=kaunatas&lang=en')
      .expect(200);
    assert.match(en.text, /is not part of “Kaunata administration”, so no report can match both filters/);
    const ru = await request(context.app)
      .get('/reports?parish=vilani&apvieniba=kaunatas&lang=ru')
      .expect(200);
    assert.match(ru.text, /не входит в «Объединение Кауната», поэтому ни одно сообщение/);
    const fits = await request(context.app).get('/reports?parish=vilani&apvieniba=vilanu').expect(200);
    assert.doesNotMatch(fits.text, /data-qa="contradiction"/);
    assert.deepEqual(refsIn(fits.text), [vilaniRef]);
  });
});
