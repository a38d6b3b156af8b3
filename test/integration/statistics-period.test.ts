import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { riga, seedReport, tableRows } from '../support/statistics.js';

// 15 June 2026, noon in Riga: the last 12 months are July 2025 to June 2026.
const NOW = riga('2026-06-15T12:00');

describe('statistics: the period asked for', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp({}, { clock: () => NOW });
    await seedReport(context.services, { parish: 'kaunatas', routed: '2026-03-02T09:00' });
  });

  const problems: [string, string][] = [
    ['from=2026-07&to=2026-08', 'The period you asked for is in the future'],
    ['from=2026-05&to=2026-03', 'The period you asked for ends before it starts'],
    ['from=marts&to=2026-03', 'We could not read the period you asked for'],
    ['from=2026-13', 'We could not read the period you asked for'],
    ['from=2020-01&to=2026-05', 'longer than 36 months'],
  ];
  for (const [query, message] of problems) {
    it(`?${query}: a message and the last 12 months, never an error`, async () => {
      for (const path of ['/statistics', '/parishes/kaunatas', '/apvienibas/kaunatas']) {
        const res = await request(context.app).get(`${path}?${query}&lang=en`).expect(200);
        assert.match(res.text, new RegExp(`data-qa="period-problem"[^>]*>[^<]*${message}`));
        assert.match(res.text, /From July 2025 to June 2026\./);
      }
      await request(context.app).get(`/statistics.csv?${query}`).expect(200);
    });
  }

  it('says so when a period has no reports, in every language', async () => {
    const texts = {
      lv: 'Šajā periodā neviens ziņojums netika saņemts, atrisināts vai slēgts.',
      en: 'No reports were received, resolved or closed in this period.',
      ru: 'В этот период не было получено, решено или закрыто ни одного сообщения.',
    };
    for (const [language, text] of Object.entries(texts)) {
      const res = await request(context.app)
        .get(`/statistics?from=2025-01&to=2025-02&lang=${language}`)
        .expect(200);
      assert.ok(res.text.includes(text), language);
      assert.ok(!res.text.includes('data-qa="figures-table"'));
    }
  });

  it('takes a good period, keeps it in the links to each place, and offers its CSV', async () => {
    const res = await request(context.app).get('/statistics?from=2026-03&to=2026-03&lang=en').expect(200);
    assert.ok(!res.text.includes('data-qa="period-problem"'));
    assert.match(res.text, /From March 2026 to March 2026\./);
    // Month names as Intl writes them alone (nominative), so the sentence around them takes that case.
    const shown = async (language: string) =>
      /data-qa="period-shown">([^<]*)</.exec(
        (await request(context.app).get(`/statistics?from=2026-03&to=2026-06&lang=${language}`)).text,
      )?.[1];
    assert.equal(await shown('lv'), 'Periods: 2026. g. marts – 2026. g. jūnijs.');
    assert.equal(await shown('ru'), 'Период: март 2026 — июнь 2026.');
    // After "no … līdz" and "с … по" the months are declined: the table's caption and the chart's text.
    const page = async (language: string) =>
      (await request(context.app).get(`/statistics?from=2025-12&to=2026-06&lang=${language}`)).text;
    const lv = await page('lv');
    assert.ok(
      lv.includes('<caption>Rādītāji pa vietām no 2025. g. decembra līdz 2026. g. jūnijam</caption>'),
    );
    assert.ok(lv.includes('Rēzeknes novads, no 2025. g. decembra līdz 2026. g. jūnijam.'), 'the chart');
    const ru = await page('ru');
    assert.ok(ru.includes('<caption>Показатели по местам с декабря 2025 по июнь 2026</caption>'));
    assert.ok(ru.includes('с декабря 2025 по июнь 2026. Те же числа'), 'the chart');
    assert.ok(
      (await page('en')).includes('<caption>Figures by place, from December 2025 to June 2026</caption>'),
    );
    assert.match(res.text, /href="\/parishes\/kaunatas\?from=2026-03&amp;to=2026-03&amp;lang=en"/);
    // The file's header is in the page's language: its link says which (a download has no cookie).
    assert.match(res.text, /href="\/statistics.csv\?from=2026-03&amp;to=2026-03&amp;lang=en"/);
    const csv = await request(context.app).get('/statistics.csv?from=2026-03&to=2026-03&lang=en').expect(200);
    const latvianCsv = await request(context.app).get('/statistics.csv?from=2026-03&to=2026-03').expect(200);
    assert.notEqual(csv.text.split('\n')[0], latvianCsv.text.split('\n')[0]);
    const latvian = await request(context.app).get('/statistics?from=2026-03&to=2026-03&lang=lv').expect(200);
    assert.match(latvian.text, /href="\/statistics.csv\?from=2026-03&amp;to=2026-03"/);
    assert.equal(tableRows(res.text).get('parish:kaunatas')!.received, 'fewer than 5');
  });
});
