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
