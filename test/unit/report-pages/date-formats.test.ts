import assert from 'node:assert/strict';
import { sentenceDate } from '../../../src/i18n/dates.js';
import { dateFormats } from '../../../src/report-pages/dates.js';
import { LANGUAGES } from '../../../src/i18n/index.js';

const LOCALES = { lv: 'lv', en: 'en-GB', ru: 'ru' } as const;

describe("the pages' dates and times, remembered per hour and per minute", () => {
  it('are what Intl writes for every minute of two days around each change of clock in Riga', () => {
    // Summer time begins 29 March 2026 and ends 25 October 2026 at 01:00 UTC.
    const days = [Date.UTC(2026, 2, 28), Date.UTC(2026, 9, 24), Date.UTC(2026, 11, 31)];
    for (const language of LANGUAGES) {
      const fresh = new Intl.DateTimeFormat(LOCALES[language], {
        dateStyle: 'long',
        timeZone: 'Europe/Riga',
      });
      const { date } = dateFormats(language);
      for (const start of days) {
        for (let minute = 0; minute < 2 * 24 * 60; minute++) {
          // The first and the last millisecond of each minute, so both ends of every hour.
          for (const at of [start + minute * 60_000, start + minute * 60_000 + 59_999]) {
            assert.equal(
              date(new Date(at)),
              sentenceDate(language, fresh.format(new Date(at))),
              `${language} ${new Date(at).toISOString()}`,
            );
          }
        }
      }
    }
  });

  it('say the day something happened after a verb: the Latvian month in the locative', () => {
    const months = ['janvārī', 'februārī', 'martā', 'aprīlī', 'maijā', 'jūnijā', 'jūlijā', 'augustā'];
    months.push('septembrī', 'oktobrī', 'novembrī', 'decembrī');
    months.forEach((month, index) => {
      const at = new Date(Date.UTC(2026, index, 5, 12));
      assert.equal(dateFormats('lv').dateOn(at), `2026. gada 5. ${month}`);
    });
    const at = new Date('2026-12-05T10:15:00Z');
    assert.equal(dateFormats('en').dateOn(at), '5 December 2026');
    assert.equal(dateFormats('ru').dateOn(at), '5 декабря 2026');
    // Past midnight in Riga is the next day, as the plain date says.
    assert.equal(dateFormats('lv').dateOn(new Date('2026-12-05T22:30:00Z')), '2026. gada 6. decembrī');
  });

  it('say the day and time something happened after a verb: the Latvian month in the locative', () => {
    const at = new Date('2026-11-30T10:15:00Z');
    assert.equal(dateFormats('lv').dateTimeOn(at), '2026. gada 30. novembrī 12:15');
    assert.equal(dateFormats('lv').dateTimeOn(new Date('2026-03-05T10:15:00Z')), '2026. gada 5. martā 12:15');
    // English and Russian as their plain date and time (the Russian month is genitive already).
    assert.equal(dateFormats('en').dateTimeOn(at), dateFormats('en').dateTime(at));
    assert.equal(dateFormats('ru').dateTimeOn(at), dateFormats('ru').dateTime(at));
    assert.match(dateFormats('ru').dateTimeOn(at), /^30 ноября 2026\sг\. в 12:15$/);
  });

  it('end as a sentence may end: a Russian date without its "г.", so no sentence gets two full stops', () => {
    const at = new Date('2026-11-30T10:15:00Z');
    assert.equal(dateFormats('ru').date(at), '30 ноября 2026');
    assert.equal(dateFormats('lv').date(at), '2026. gada 30. novembris');
    assert.equal(dateFormats('en').date(at), '30 November 2026');
    // With a time, the year keeps its "г." inside the text.
    assert.match(dateFormats('ru').dateTime(at), /^30 ноября 2026 г\. в 12:15$/);
    assert.equal(sentenceDate('ru', 'ноябрь 2026 г.'), 'ноябрь 2026');
    assert.equal(sentenceDate('lv', '2026. g.'), '2026. g.');
  });

  it('says the Riga date, not the UTC one, just after midnight there', () => {
    assert.equal(dateFormats('en').date(new Date('2026-06-30T21:30:00Z')), '1 July 2026');
    assert.equal(dateFormats('en').date(new Date('2026-12-31T22:30:00Z')), '1 January 2027');
  });
});
