import assert from 'node:assert/strict';
import { LANGUAGES, loadCatalog, type Catalog, type Language } from '../../src/i18n/index.js';

/** Every text of a catalog, by its key. */
function texts(catalog: Catalog, path = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${path}${key}`, value] as [string, string]]
      : texts(value, `${path}${key}.`),
  );
}

// The one person an example address names, in each language's word for "name", typeable on any keyboard.
const PERSON: Record<Language, string> = { lv: 'vards', en: 'name', ru: 'imya' };
// Examples only: a resident's, a staff member's (the municipality's own domain), a command line's.
const DOMAINS = new Set(['example.lv', 'example.org', 'rezeknesnovads.lv']);
// Not examples of a person's address: the ombudsman's real one, a spam sender to ban, "…@example.org".
const NOT_A_PERSON = /^(tiesibsargs|spams?|…)$/;

describe('an example email address', () => {
  for (const language of LANGUAGES) {
    it(`is the same one on every page and in every message (${language})`, () => {
      const found = texts(loadCatalog(language)).flatMap(([key, text]) =>
        [...text.matchAll(/([^\s(“"]+)@([\w.-]*\w)/gu)].map((match) => ({
          key,
          local: match[1]!,
          domain: match[2]!,
        })),
      );
      assert.ok(found.length > 5, 'the catalogs have examples');
      for (const { key, local, domain } of found) {
        assert.match(`${local}@${domain}`, /^[\x21-\x7e…]+$/, `${key}: typeable in Latin letters`);
        if (local === 'tiesibsargs') continue;
        assert.ok(DOMAINS.has(domain), `${key}: ${local}@${domain} is not one of the example domains`);
        if (!NOT_A_PERSON.test(local)) assert.equal(local, PERSON[language], key);
      }
    });
  }
});
