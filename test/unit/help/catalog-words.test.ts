import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Russian calls a volunteer "волонтёр" in every help text and email; a "доброволец" on one page
 * reads as someone else (see help-russian-volunteer-word.test.ts). English
 * apostrophes are checked with every catalog's (test/unit/i18n-catalogs.test.ts).
 */
describe('the Russian help texts call a volunteer one word', () => {
  for (const name of ['help.json', 'help-matching.json', 'help-offers.json', 'help-requests.json']) {
    it(`src/i18n/ru/${name}`, () => {
      const text = fs.readFileSync(path.join('src/i18n/ru', name), 'utf8');
      assert.doesNotMatch(text, /доброволь/i);
    });
  }
});

/**
 * How a step was taken reads the same on the matching desk's history as on a report's history
 * (“на сайте”, “tīmeklī”): the desk said “веб” and “tīmeklis” where the report said the other.
 */
describe('the matching desk says how a step was taken as a report’s history does', () => {
  for (const language of ['lv', 'en', 'ru']) {
    it(`src/i18n/${language}`, () => {
      const read = (name: string) =>
        JSON.parse(fs.readFileSync(path.join('src/i18n', language, name), 'utf8')) as Record<
          string,
          Record<string, Record<string, Record<string, string>>>
        >;
      const via = read('help-matching.json').helpMatch!.via!;
      const channels = read('staff.json').staff!.report!.channels as unknown as Record<string, string>;
      for (const channel of ['web', 'email', 'phone']) assert.equal(via[channel], channels[channel], channel);
    });
  }
});
