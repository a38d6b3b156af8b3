import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * English uses the typographic apostrophe (’), as the rest of Tilts's English does: the help
 * catalogs mixed it with the typewriter one (“the volunteer's contact” beside “your request’s
 * page” on one page and in one email).
 */
describe('the English help texts use the typographic apostrophe', () => {
  for (const name of ['help.json', 'help-matching.json', 'help-offers.json', 'help-requests.json']) {
    it(`src/i18n/en/${name}`, () => {
      const texts: string[] = [];
      const walk = (node: unknown) => {
        if (typeof node === 'string') texts.push(node);
        else if (node && typeof node === 'object') Object.values(node).forEach(walk);
      };
      walk(JSON.parse(fs.readFileSync(path.join('src/i18n/en', name), 'utf8')));
      assert.deepEqual(
        texts.filter((text) => text.includes("'")),
        [],
      );
    });
  }
});

/**
 * Russian calls a volunteer "волонтёр" in every help text and email; a "доброволец" on one page
 * reads as someone else (see help-russian-volunteer-word.test.ts).
 */
describe('the Russian help texts call a volunteer one word', () => {
  for (const name of ['help.json', 'help-matching.json', 'help-offers.json', 'help-requests.json']) {
    it(`src/i18n/ru/${name}`, () => {
      const text = fs.readFileSync(path.join('src/i18n/ru', name), 'utf8');
      assert.doesNotMatch(text, /доброволь/i);
    });
  }
});
