import assert from 'node:assert/strict';
import { dateAt } from '../../src/i18n/dates.js';

const parts = (locale: string, options: Intl.DateTimeFormatOptions, at: Date) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(at);
const long = { dateStyle: 'long' } as const;
const monthYear = { month: 'long', year: 'numeric' } as const;

describe('a date as the word before it asks for it', () => {
  it('declines every Latvian month: the locative after a verb, the dative after "līdz", the genitive after "no"', () => {
    const on = ['janvārī', 'februārī', 'martā', 'aprīlī', 'maijā', 'jūnijā', 'jūlijā', 'augustā'];
    on.push('septembrī', 'oktobrī', 'novembrī', 'decembrī');
    const until = ['janvārim', 'februārim', 'martam', 'aprīlim', 'maijam', 'jūnijam', 'jūlijam', 'augustam'];
    until.push('septembrim', 'oktobrim', 'novembrim', 'decembrim');
    const from = ['janvāra', 'februāra', 'marta', 'aprīļa', 'maija', 'jūnija', 'jūlija', 'augusta'];
    from.push('septembra', 'oktobra', 'novembra', 'decembra');
    for (let month = 0; month < 12; month++) {
      const at = new Date(Date.UTC(2026, month, 5, 12));
      assert.equal(dateAt('lv', 'on', parts('lv', long, at)), `2026. gada 5. ${on[month]!}`);
      assert.equal(dateAt('lv', 'until', parts('lv', long, at)), `2026. gada 5. ${until[month]!}`);
      assert.equal(dateAt('lv', 'from', parts('lv', monthYear, at)), `2026. g. ${from[month]!}`);
    }
  });

  it('puts a Russian month alone in the genitive after "с", and leaves a date with its day as it is', () => {
    const at = new Date(Date.UTC(2025, 11, 5, 12));
    assert.equal(dateAt('ru', 'from', parts('ru', monthYear, at)), 'декабря 2025');
    assert.equal(dateAt('ru', 'until', parts('ru', monthYear, at)), 'декабрь 2025');
    assert.equal(dateAt('ru', 'until', parts('ru', long, at)), '5 декабря 2025');
    assert.equal(dateAt('ru', 'from', parts('ru', long, at)), '5 декабря 2025');
  });

  it('writes an English date as it is', () => {
    const at = new Date(Date.UTC(2026, 10, 30, 12));
    for (const place of ['on', 'until', 'from'] as const) {
      assert.equal(dateAt('en', place, parts('en-GB', long, at)), '30 November 2026');
    }
  });
});
