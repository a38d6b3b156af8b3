import assert from 'node:assert/strict';
import request from 'supertest';
import type { Language } from '../../src/i18n/index.js';
import { makeApp, type TestContext } from '../support/app.js';
import { parseCsv, riga, seedReport } from '../support/statistics.js';

/** Kaunatas apvienība's parishes, as each language's alphabet orders them: Č right after C in Latvian. */
const KAUNATA: Record<Language, string[]> = {
  lv: ['cornajas', 'griskanu', 'kaunatas', 'makonkalna', 'stolerovas'],
  en: ['cornajas', 'griskanu', 'kaunatas', 'makonkalna', 'stolerovas'],
  // волость Гришканы … волость Чорная: Ч comes near the end of the Russian alphabet.
  ru: ['griskanu', 'kaunatas', 'makonkalna', 'stolerovas', 'cornajas'],
};

/** The Kaunata parishes in the order `pattern` (its first group a code) first finds them in `text`. */
function kaunataOrder(text: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const code = match[1]!;
    if (KAUNATA.lv.includes(code) && !found.includes(code)) found.push(code);
  }
  return found;
}

const between = (text: string, start: string, end: string) => {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `${start} is on the page`);
  return text.slice(from, text.indexOf(end, from));
};

describe("places in the reader's alphabet", () => {
  let context: TestContext;
  before(async () => {
    // The statistics show their table only once something was received in the period.
    context = await makeApp({}, { clock: () => riga('2026-06-15T12:00') });
    await seedReport(context.services, { parish: 'kaunatas', routed: '2026-03-02T09:00' });
  });
  const get = async (path: string, language: Language) =>
    (
      await request(context.app)
        .get(`${path}${path.includes('?') ? '&' : '?'}lang=${language}`)
        .expect(200)
    ).text;

  for (const language of ['lv', 'en', 'ru'] as const) {
    describe(language, () => {
      it('lists the parishes so on the home page', async () => {
        assert.deepEqual(kaunataOrder(await get('/', language), /data-code="([a-z]+)"/g), KAUNATA[language]);
      });

      it("lists them so in the list's and the map's parish filter", async () => {
        for (const path of ['/reports', '/map']) {
          const select = between(await get(path, language), 'id="filter-parish"', '</select>');
          assert.deepEqual(kaunataOrder(select, /value="([a-z]+)"/g), KAUNATA[language], path);
        }
      });

      it('lists them so in the statistics, their CSV and the apvienība page', async () => {
        const rows = /data-level="parish" data-code="([a-z]+)"/g;
        const period = 'from=2026-03&to=2026-05';
        assert.deepEqual(kaunataOrder(await get(`/statistics?${period}`, language), rows), KAUNATA[language]);
        const place = await get(`/apvienibas/kaunatas?${period}`, language);
        assert.deepEqual(kaunataOrder(place, rows), KAUNATA[language]);
        const recipients = /data-qa="recipients-of" data-code="([a-z]+)"/g;
        assert.deepEqual(kaunataOrder(place, recipients), KAUNATA[language]);
        // Kaunatas apvienība shares its code with Kaunata parish: only the parishes' lines count.
        const lines = parseCsv(await get(`/statistics.csv?${period}`, language));
        const parishLevel = lines.find((line) => line[1] === 'cornajas')![0];
        const parishLines = lines.filter((line) => line[0] === parishLevel).map((line) => line[1]);
        assert.deepEqual(kaunataOrder(parishLines.join(' '), /([a-z]+)/g), KAUNATA[language]);
      });
    });
  }
});
