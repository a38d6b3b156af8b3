import assert from 'node:assert/strict';
import { formatWhen, formatWhenAt } from '../../../src/admin/dates.js';

describe('the admin pages’ moments after a word that declines them', () => {
  const may = new Date('2026-05-05T10:15:00Z');
  const november = new Date('2026-11-30T10:15:00Z');

  it('puts a written-out Latvian month in the genitive after "kopš" and the locative after a verb', () => {
    assert.equal(
      formatWhen(may, 'lv'),
      '2026. gada 5. maijs 13:15:00',
      'Intl writes May out, in the nominative',
    );
    assert.equal(formatWhenAt(may, 'lv', 'from'), '2026. gada 5. maija 13:15:00');
    assert.equal(formatWhenAt(may, 'lv', 'on'), '2026. gada 5. maijā 13:15:00');
    assert.equal(formatWhenAt(new Date('2026-03-05T10:15:00Z'), 'lv', 'on'), '2026. gada 5. martā 12:15:00');
  });

  it('leaves an abbreviated month, and English and Russian, as formatWhen writes them', () => {
    assert.equal(formatWhenAt(november, 'lv', 'from'), '2026. gada 30. nov. 12:15:00');
    for (const language of ['en', 'ru'] as const)
      for (const at of [may, november])
        for (const place of ['on', 'from'] as const)
          assert.equal(formatWhenAt(at, language, place), formatWhen(at, language), `${language} ${place}`);
    // An unknown language reads as Latvian, as formatWhen does.
    assert.equal(formatWhenAt(may, 'de', 'on'), '2026. gada 5. maijā 13:15:00');
  });
});
