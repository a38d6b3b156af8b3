import assert from 'node:assert/strict';
import { createI18nNow, LANGUAGES, loadCatalog, type Catalog } from '../../src/i18n/index.js';
import { formatNumber } from '../../src/i18n/numbers.js';

const NBSP = '\u00a0';

function texts(catalog: Catalog, path = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${path}${key}`, value] as [string, string]]
      : texts(value, `${path}${key}.`),
  );
}

describe('numbers as each language writes them', () => {
  it('groups thousands with a comma in English and a no-break space in Latvian and Russian', () => {
    assert.equal(formatNumber(5000, 'en'), '5,000');
    assert.equal(formatNumber(5000, 'lv'), `5${NBSP}000`);
    assert.equal(formatNumber(5000, 'ru'), `5${NBSP}000`);
    assert.equal(formatNumber(1234567, 'lv'), `1${NBSP}234${NBSP}567`);
    assert.equal(formatNumber(999, 'ru'), '999');
    assert.equal(formatNumber(0, 'en'), '0');
  });

  it('writes a count in a sentence the same way, in every language', () => {
    const i18n = createI18nNow();
    const said = {
      lv: `5${NBSP}000 ziņojumu`,
      en: '5,000 reports',
      ru: `5${NBSP}000 сообщений`,
    };
    for (const language of LANGUAGES)
      assert.equal(i18n.getFixedT(language)('reports.list.count', { count: 5000 }), said[language]);
    // A number written already passes as it is.
    assert.equal(i18n.getFixedT('en')('reports.list.countMore', { number: 'ten' }), 'More than ten reports');
  });

  it('formats every count, total and limit of the pages and emails (not the API’s or the command line’s)', () => {
    for (const language of LANGUAGES) {
      const bare = texts(loadCatalog(language)).filter(
        ([key, text]) =>
          !/^(open311|cli)\./.test(key) && /\{\{(count|total|shown|pages|page|max|length)\}\}/.test(text),
      );
      assert.deepEqual(bare, [], language);
    }
  });
});
