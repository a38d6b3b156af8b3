import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { ReportListRepository } from '../../src/report-pages/list-repository.js';
import { hideReport, makeReport, moveReport } from '../support/reports.js';

const refsIn = (html: string) =>
  [...html.matchAll(/data-qa="report-item" data-ref="([^"]+)"/g)].map((match) => match[1]);
const countIn = (html: string) => /data-qa="result-count">([^<]+)</.exec(html)?.[1];

describe('the public list of reports', () => {
  let context: TestContext;
  const refs: Record<string, string> = {};

  before(async () => {
    context = await makeApp();
    const { services } = context;
    // Every hidden kind shares the word "Ozolkalns", so a search for it proves none of them leaks.
    refs.road = (
      await makeReport(services, { title: 'Bedre pie Ozolkalna', parish: 'kaunatas', photos: 1 })
    ).report.ref;
    refs.light = (
      await makeReport(services, {
        title: 'Nedeg laterna',
        category: 'street-lighting',
        parish: 'dricanu',
        description: 'Tumšs pie Ozolkalna skolas',
      })
    ).report.ref;
    refs.waste = (
      await makeReport(services, { title: 'Atkritumi mežā', category: 'waste', parish: 'vilani' })
    ).report.ref;
    const progress = await makeReport(services, {
      title: 'Ceļš izskalots',
      parish: 'kaunatas',
      location: 'Ozolkalna iela 3',
    });
    await moveReport(services, progress.report, 'in_progress', { role: 'parish_admin' });
    refs.progress = progress.report.ref;

    refs.private = (
      await makeReport(services, { title: 'Ozolkalns: kaimiņam vajag malku', category: 'elderly-help' })
    ).report.ref;
    refs.unconfirmed = (
      await makeReport(services, { title: 'Ozolkalns neapstiprināts', confirmed: false })
    ).report.ref;
    const hidden = await makeReport(services, { title: 'Ozolkalns paslēpts' });
    await hideReport(services, hidden.report);
    refs.hidden = hidden.report.ref;
    const withdrawn = await makeReport(services, { title: 'Ozolkalns atsaukts' });
    await services.reportUpdates.reporterAction(withdrawn.report.ref, withdrawn.token, {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    refs.withdrawn = withdrawn.report.ref;
  });

  const neverShown = () => [refs.private, refs.unconfirmed, refs.hidden, refs.withdrawn];

  it('shows public confirmed reports newest first, and nothing private, unconfirmed, hidden or withdrawn', async () => {
    const res = await request(context.app).get('/reports').expect(200);
    assert.deepEqual(refsIn(res.text), [refs.progress, refs.waste, refs.light, refs.road]);
    assert.equal(countIn(res.text), '4 ziņojumi');
    for (const title of ['kaimiņam vajag malku', 'neapstiprināts', 'paslēpts', 'atsaukts']) {
      assert.doesNotMatch(res.text, new RegExp(title));
    }
  });

  it('never finds a hidden kind of report by searching or filtering', async () => {
    const search = await request(context.app).get('/reports?q=ozolkaln').expect(200);
    assert.deepEqual(refsIn(search.text), [refs.progress, refs.light, refs.road]);
    for (const query of ['parish=kaunatas', 'category=elderly-help', 'status=closed', 'apvieniba=kaunatas']) {
      const res = await request(context.app).get(`/reports?${query}`).expect(200);
      for (const ref of neverShown()) assert.ok(!refsIn(res.text).includes(ref), `${query} shows ${ref}`);
    }
  });

  it('filters by parish, apvienība, category and status, and combines them', async () => {
    const byParish = await request(context.app).get('/reports?parish=kaunatas').expect(200);
    assert.deepEqual(refsIn(byParish.text), [refs.progress, refs.road]);
    assert.match(byParish.text, /<option value="kaunatas" selected>Kaunatas pagasts<\/option>/);

    const { apvieniba_code: apvieniba } = await context.services
      .knex('parishes')
      .where({ code: 'vilani' })
      .first('apvieniba_code');
    const byApvieniba = await request(context.app).get(`/reports?apvieniba=${apvieniba}`).expect(200);
    assert.deepEqual(refsIn(byApvieniba.text), [refs.waste]);

    const byCategory = await request(context.app).get('/reports?category=street-lighting').expect(200);
    assert.deepEqual(refsIn(byCategory.text), [refs.light]);

    const byStatus = await request(context.app).get('/reports?status=in_progress').expect(200);
    assert.deepEqual(refsIn(byStatus.text), [refs.progress]);

    const combined = await request(context.app).get('/reports?parish=kaunatas&status=open').expect(200);
    assert.deepEqual(refsIn(combined.text), [refs.road]);
  });

  it('searches title, description and place, ignoring case, with % and _ taken literally', async () => {
    const inDescription = await request(context.app).get('/reports?q=PIE%20OZOLKALNA%20SK').expect(200);
    assert.deepEqual(refsIn(inDescription.text), [refs.light]);
    const inPlace = await request(context.app).get('/reports?q=iela%203').expect(200);
    assert.deepEqual(refsIn(inPlace.text), [refs.progress]);
    const wildcard = await request(context.app).get('/reports?q=%25').expect(200);
    assert.deepEqual(refsIn(wildcard.text), []);
    assert.match(wildcard.text, /data-qa="no-results"/);
    assert.match(wildcard.text, /value="%"/);
  });

  it('ignores unknown or malformed filters with a translated notice, never an error', async () => {
    const res = await request(context.app)
      .get('/reports?parish=atlantida&category=%3Cscript%3E&status=lost&page=abc&apvieniba=NO%20SUCH')
      .expect(200);
    assert.equal(refsIn(res.text).length, 4);
    assert.match(
      res.text,
      /data-qa="ignored-filters">Daži filtri netika atpazīti, tāpēc tie netika ņemti vērā: Pagasts vai pilsēta, Apvienība, Kategorija, Statuss\./,
    );
    assert.doesNotMatch(res.text, /<script>/);
    const en = await request(context.app).get('/reports?parish=atlantida&lang=en').expect(200);
    assert.match(en.text, /Some filters were not recognised and were ignored: Parish or town\./);
  });

  it('says when a filter was given twice with different values, and follows the first', async () => {
    const twice = await request(context.app)
      .get('/reports?parish=kaunatas&parish=maltas&status=open&status=open&lang=en')
      .expect(200);
    const first = await request(context.app).get('/reports?parish=kaunatas&status=open').expect(200);
    assert.ok(refsIn(first.text).length > 0);
    assert.deepEqual(refsIn(twice.text), refsIn(first.text));
    assert.match(
      twice.text,
      /data-qa="repeated-filters">These filters were given more than once with different values; the list follows the first: Parish or town\./,
    );
    // Not a link anyone shares as it is: no cache keeps it for others.
    assert.equal(twice.headers['cache-control'], 'private');
    assert.doesNotMatch(first.text, /data-qa="repeated-filters"/);
  });

  it('does not claim to follow the first value of a filter when that value is unknown', async () => {
    const res = await request(context.app).get('/reports?status=zz&status=open&lang=en').expect(200);
    assert.match(res.text, /Some filters were not recognised and were ignored: Status\./);
    assert.doesNotMatch(res.text, /data-qa="repeated-filters"/);
    const all = await request(context.app).get('/reports').expect(200);
    assert.deepEqual(refsIn(res.text), refsIn(all.text), 'the status is not followed');
  });

  it('shows each report with its thumbnail, category, parish, place, status in words and date', async () => {
    const res = await request(context.app).get('/reports?parish=kaunatas&status=open').expect(200);
    assert.match(
      res.text,
      /<img class="report-item__thumb" src="\/photos\/[\w-]+\/thumb" alt="Fotogrāfija ziņojumam „Bedre pie Ozolkalna”"/,
    );
    assert.match(res.text, new RegExp(`<a href="/reports/${refs.road}">Bedre pie Ozolkalna</a>`));
    assert.match(res.text, /Ceļi un ietves/);
    assert.match(res.text, /Kaunatas pagasts/);
    assert.match(res.text, /Skolas iela 1/);
    assert.match(res.text, /<span class="visually-hidden">Statuss: <\/span>Atvērts<\/span>/);
    const today = new Intl.DateTimeFormat('lv', { dateStyle: 'long', timeZone: 'Europe/Riga' }).format(
      new Date(),
    );
    assert.ok(res.text.includes(today), today);
  });

  it('speaks English and Russian, with their plural forms', async () => {
    const en = await request(context.app).get('/reports?lang=en').expect(200);
    assert.equal(countIn(en.text), '4 reports');
    assert.match(en.text, /Roads and pavements/);
    assert.match(en.text, />Open<\/span>/);
    const enOne = await request(context.app).get('/reports?lang=en&category=waste').expect(200);
    assert.equal(countIn(enOne.text), '1 report');
    const ru = await request(context.app).get('/reports?lang=ru').expect(200);
    assert.equal(countIn(ru.text), '4 сообщения');
    assert.match(ru.text, /Дороги и тротуары/);
    const ruOne = await request(context.app).get('/reports?lang=ru&category=waste').expect(200);
    assert.equal(countIn(ruOne.text), '1 сообщение');
    const ruNone = await request(context.app).get('/reports?lang=ru&category=snow').expect(200);
    assert.equal(countIn(ruNone.text), '0 сообщений');
    const lvNone = await request(context.app).get('/reports?category=snow').expect(200);
    assert.equal(countIn(lvNone.text), '0 ziņojumu');
  });

  it('has a labelled filter form that submits by GET, with parishes grouped by apvienība', async () => {
    const res = await request(context.app).get('/reports').expect(200);
    assert.match(res.text, /<form class="filters" method="get" action="\/reports"/);
    for (const id of ['filter-q', 'filter-apvieniba', 'filter-parish', 'filter-category', 'filter-status']) {
      assert.match(res.text, new RegExp(`<label for="${id}">`), id);
    }
    assert.equal((res.text.match(/<optgroup label=/g) ?? []).length, 5);
    // Private categories are never offered: they never have a public report.
    assert.doesNotMatch(res.text, /value="elderly-help"/);
    // The place, category and status choices fold away until one of them is chosen.
    assert.match(res.text, /<details class="filters__more" data-qa="more-filters">/);
    const filtered = await request(context.app).get('/reports?status=open').expect(200);
    assert.match(filtered.text, /<details class="filters__more" data-qa="more-filters" open>/);
  });

  it('links to the list and to the report form from the main navigation', async () => {
    const res = await request(context.app).get('/').expect(200);
    assert.match(res.text, /<a href="\/reports" data-qa="nav-reports">Ziņojumi<\/a>/);
    assert.match(res.text, /<a href="\/reports\/new" data-qa="nav-new-report">Ziņot par problēmu<\/a>/);
    const list = await request(context.app).get('/reports').expect(200);
    assert.match(list.text, /data-qa="nav-reports" aria-current="page"/);
  });
});

describe('paging through the list', () => {
  let context: TestContext;
  const refs: string[] = [];

  before(async () => {
    context = await makeApp();
    for (let i = 0; i < 45; i += 1)
      refs.unshift((await makeReport(context.services, { parish: 'kaunatas' })).report.ref);
    await makeReport(context.services, { parish: 'audrinu' });
  });

  const nextIn = (html: string) =>
    /<a href="([^"]+)" rel="next" data-qa="next-page">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  const previousIn = (html: string) =>
    /<a href="([^"]+)" rel="prev" data-qa="previous-page">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  const currentIn = (html: string) =>
    /aria-current="page"><span class="visually-hidden">Lapa <\/span>(\d+)</.exec(html)?.[1];

  it('shows 20 a page, newest first, with a labelled navigation marking the current page', async () => {
    const res = await request(context.app).get('/reports?parish=kaunatas').expect(200);
    assert.deepEqual(refsIn(res.text), refs.slice(0, 20));
    assert.equal(countIn(res.text), '45 ziņojumi');
    assert.match(res.text, /<nav class="pagination" aria-label="Lapas" data-qa="pagination">/);
    assert.match(
      res.text,
      /<a href="\/reports\?parish=kaunatas"\s+aria-current="page"><span class="visually-hidden">Lapa <\/span>1<\/a>/,
    );
    // "Next" is a cursor (the last report shown), so a deep page costs what the first does.
    assert.match(nextIn(res.text) ?? '', /^\/reports\?parish=kaunatas&after=\d+$/);
    // The numbered pages stay plain links.
    assert.match(res.text, /<a href="\/reports\?parish=kaunatas&amp;page=2">/);
    assert.doesNotMatch(res.text, /data-qa="previous-page"/);
  });

  it('keeps the filters on every page and ends with the rest, by cursor and by page number', async () => {
    const first = await request(context.app).get('/reports?parish=kaunatas').expect(200);
    const second = await request(context.app).get(nextIn(first.text)!).expect(200);
    assert.deepEqual(refsIn(second.text), refs.slice(20, 40));
    assert.equal(currentIn(second.text), '2');
    assert.match(second.text, /Lapa 2 no 3/);
    assert.equal(previousIn(second.text), '/reports?parish=kaunatas');
    const last = await request(context.app).get(nextIn(second.text)!).expect(200);
    assert.deepEqual(refsIn(last.text), refs.slice(40));
    assert.doesNotMatch(last.text, /data-qa="next-page"/);
    assert.match(last.text, /Lapa 3 no 3/);
    // "Previous" from a cursor page is a cursor too, and lands on the same page 2.
    assert.match(previousIn(last.text) ?? '', /^\/reports\?parish=kaunatas&before=\d+$/);
    const back = await request(context.app).get(previousIn(last.text)!).expect(200);
    assert.deepEqual(refsIn(back.text), refs.slice(20, 40));
    assert.equal(currentIn(back.text), '2');
    assert.equal(nextIn(back.text), nextIn(second.text));
    // Old ?page=N links still show the same pages.
    const byNumber = await request(context.app).get('/reports?parish=kaunatas&page=2').expect(200);
    assert.deepEqual(refsIn(byNumber.text), refs.slice(20, 40));
    assert.equal(currentIn(byNumber.text), '2');
    const lastByNumber = await request(context.app).get('/reports?parish=kaunatas&page=3').expect(200);
    assert.deepEqual(refsIn(lastByNumber.text), refs.slice(40));
  });

  it('keeps a chosen language in every page link and file link, for a client without a cookie', async () => {
    const first = await request(context.app).get('/reports?parish=kaunatas&lang=en').expect(200);
    assert.match(nextIn(first.text) ?? '', /^\/reports\?parish=kaunatas&after=\d+&lang=en$/);
    assert.match(first.text, /<a href="\/reports\?parish=kaunatas&amp;page=2&amp;lang=en">/);
    assert.match(first.text, /href="\/open-data\/reports\.csv\?parish=kaunatas&amp;lang=en">CSV</);
    assert.match(first.text, /href="\/open-data\/reports\.json\?parish=kaunatas&amp;lang=en">JSON</);
    // supertest keeps no cookie: the next page is in English only because its link says so.
    const second = await request(context.app).get(nextIn(first.text)!).expect(200);
    assert.match(second.text, /Page 2 of 3/);
    assert.equal(previousIn(second.text), '/reports?parish=kaunatas&lang=en');
    const last = await request(context.app).get(nextIn(second.text)!).expect(200);
    assert.match(last.text, /Page 3 of 3/);
    assert.match(previousIn(last.text) ?? '', /^\/reports\?parish=kaunatas&before=\d+&lang=en$/);
    // The map's list pages the same way; Latvian, the default, needs no parameter.
    const map = await request(context.app).get('/map?parish=kaunatas&lang=ru').expect(200);
    assert.match(nextIn(map.text) ?? '', /^\/map\?parish=kaunatas&after=\d+&lang=ru$/);
    const latvian = await request(context.app).get('/reports?parish=kaunatas&lang=lv').expect(200);
    assert.match(nextIn(latvian.text) ?? '', /^\/reports\?parish=kaunatas&after=\d+$/);
  });

  it('clamps a page past the end to the last page, and a nonsense page to the first', async () => {
    const beyond = await request(context.app).get('/reports?parish=kaunatas&page=999999999').expect(200);
    assert.deepEqual(refsIn(beyond.text), refs.slice(40));
    const zero = await request(context.app).get('/reports?parish=kaunatas&page=0').expect(200);
    assert.deepEqual(refsIn(zero.text), refs.slice(0, 20));
    const negative = await request(context.app).get('/reports?page=-3').expect(200);
    assert.equal(refsIn(negative.text).length, 20);
  });

  it('shows the first page, and says why, for a cursor that is damaged or names no report', async () => {
    for (const query of ['after=abc', 'before=-1', 'after=99999999999', 'after=1e3', 'after=2147483000']) {
      const res = await request(context.app).get(`/reports?parish=kaunatas&${query}`).expect(200);
      assert.deepEqual(refsIn(res.text), refs.slice(0, 20), query);
      assert.match(res.text, /data-qa="page-gone"/, query);
      assert.equal(currentIn(res.text), '1', query);
    }
    const plain = await request(context.app).get('/reports?parish=kaunatas').expect(200);
    assert.doesNotMatch(plain.text, /data-qa="page-gone"/);
    // A cursor past the last report (only ever hand-made) is the same: the first page.
    const oldest = await context.services.knex('reports').where('ref', refs.at(-1)).first('id');
    const past = await request(context.app).get(`/reports?parish=kaunatas&after=${oldest.id}`).expect(200);
    assert.match(past.text, /data-qa="page-gone"/);
  });

  it('counts up to a cap and then says "more than", with the pages it can number', async () => {
    const list = new ReportListRepository(context.services.knex);
    const capped = await list.page({ parish: 'kaunatas' }, { offset: 0 }, 30);
    assert.equal(capped.more, true);
    assert.equal(capped.reports.length, 20);
    assert.equal(capped.hasNext, true);
    const exact = await list.page({ parish: 'kaunatas' }, { offset: 0 }, 45);
    assert.deepEqual([exact.more, exact.total], [false, 45]);
    // Past the cap a cursor page does not know its place, and does not pretend to.
    const next = await list.page({ parish: 'kaunatas' }, { after: capped.reports.at(-1)!.id }, 10);
    assert.deepEqual(
      next.reports.map((report) => report.ref),
      refs.slice(20, 40),
    );
    assert.equal(next.start, null);
    const within = await list.page({ parish: 'kaunatas' }, { after: capped.reports.at(-1)!.id }, 30);
    assert.equal(within.start, 20);
    const words = context.services.i18n.getFixedT('en');
    assert.equal(words('reports.list.countMore', { number: '1,000' }), 'More than 1,000 reports');
    assert.equal(words('reports.pagination.summaryMore', { page: 3, pages: 50 }), 'Page 3 of more than 50');
  });

  it('counts in Latvian, Russian and English plural forms', async () => {
    const ru = await request(context.app).get('/reports?lang=ru&parish=kaunatas').expect(200);
    assert.equal(countIn(ru.text), '45 сообщений');
    const forms = (language: string) => (count: number) =>
      context.services.i18n.getFixedT(language)('reports.list.count', { count });
    assert.deepEqual([0, 1, 2, 10, 21, 111].map(forms('lv')), [
      '0 ziņojumu',
      '1 ziņojums',
      '2 ziņojumi',
      '10 ziņojumu',
      '21 ziņojums',
      '111 ziņojumu',
    ]);
    assert.deepEqual([1, 3, 5, 21, 22, 11].map(forms('ru')), [
      '1 сообщение',
      '3 сообщения',
      '5 сообщений',
      '21 сообщение',
      '22 сообщения',
      '11 сообщений',
    ]);
    assert.deepEqual([0, 1, 2].map(forms('en')), ['0 reports', '1 report', '2 reports']);
  });
});
