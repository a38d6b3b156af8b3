import assert from 'node:assert/strict';
import type { i18n } from 'i18next';
import { LANGUAGES, createI18n, loadCatalog, type Catalog } from '../../src/i18n/index.js';
import { translators } from '../../src/web/translators.js';

function leafKeys(node: Catalog, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

describe('the remembered translations of the pages', () => {
  let instance: i18n;
  before(async () => {
    instance = await createI18n();
  });

  it('give exactly what i18next gives for every key of every language, asked twice', () => {
    const translate = translators(instance);
    for (const language of LANGUAGES) {
      const fixed = instance.getFixedT(language);
      for (const key of leafKeys(loadCatalog(language))) {
        assert.equal(translate[language](key), fixed(key), `${language}: ${key}`);
        assert.equal(translate[language](key), fixed(key), `${language}: ${key} (remembered)`);
      }
    }
  });

  it('still count, fill in values, read another language and answer an unknown key as i18next does', () => {
    const translate = translators(instance);
    const fixed = instance.getFixedT('ru');
    for (const count of [1, 3, 5, 21]) {
      assert.equal(translate.ru('reports.list.count', { count }), fixed('reports.list.count', { count }));
    }
    assert.equal(
      translate.ru('reports.list.photoAlt', { title: 'Яма' }),
      fixed('reports.list.photoAlt', { title: 'Яма' }),
    );
    assert.equal(translate.ru('languages.lv', { lng: 'lv' }), instance.getFixedT('lv')('languages.lv'));
    assert.equal(translate.ru('no.such.key'), fixed('no.such.key'));
  });
});

describe('the translations of the pages with options', () => {
  let instance: i18n;
  before(async () => {
    instance = await createI18n();
  });

  it('give exactly what a fixed t of i18next gives, for every key, count and value, in every language', () => {
    const translate = translators(instance);
    const values = { from: 'A', to: 'B', title: 'Bedre <b>', name: 'Anna', ref: 'RZN-2026-00001' };
    for (const language of LANGUAGES) {
      const fixed = instance.getFixedT(language);
      for (const key of leafKeys(loadCatalog(language))) {
        const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
        for (const options of [values, ...[0, 1, 2, 5, 11, 21, 22].map((count) => ({ count, ...values }))]) {
          assert.equal(translate[language](base, options), fixed(base, options), `${language}: ${base}`);
        }
        assert.equal(translate[language](key, { lng: 'en' }), fixed(key, { lng: 'en' }), `${key} in en`);
      }
    }
  });

  it('give the same a second time, with other values in the same translation', () => {
    const translate = translators(instance);
    const fixed = instance.getFixedT('lv');
    for (const title of ['Bedre', 'Koks pār ceļu', 'Bedre', '']) {
      assert.equal(
        translate.lv('reports.list.photoAlt', { title }),
        fixed('reports.list.photoAlt', { title }),
      );
    }
    for (const [page, pages] of [
      [1, 3],
      [2, 3],
      [1, 3],
      [7, 50],
    ] as const) {
      assert.equal(
        translate.lv('reports.pagination.summary', { page, pages }),
        fixed('reports.pagination.summary', { page, pages }),
      );
    }
  });

  it("put a resident's words into a translation as they are, never read as i18next's syntax", () => {
    const translate = translators(instance);
    for (const q of ['{{q}}', '$t(home.heading)', '\uE0000\uE001', '$&']) {
      const text = String(translate.en('reports.list.titleSearch', { q }));
      assert.ok(text.includes(q), `${JSON.stringify(q)} in ${JSON.stringify(text)}`);
      assert.ok(!text.includes(String(translate.en('home.heading'))), text);
    }
  });

  it('say the words of a context (a request for help) and of none, alone and with values, asked twice', () => {
    const translate = translators(instance);
    for (const language of LANGUAGES) {
      const fixed = instance.getFixedT(language);
      for (const context of ['help', '', 'help', 'nosuch']) {
        for (const [key, values] of [
          ['reports.show.created', {}],
          ['reports.withdraw.confirm', {}],
          ['reports.actions.textHint', { max: 2000 }],
          ['mail.report-update.intro', { title: 'Malka' }],
        ] as const) {
          const options = { ...values, context };
          assert.equal(
            translate[language](key, options),
            fixed(key, options),
            `${language}: ${key} (${context})`,
          );
        }
      }
      assert.notEqual(
        translate[language]('reports.withdraw.confirm', { context: 'help' }),
        translate[language]('reports.withdraw.confirm', { context: '' }),
        `${language}: a request's words are its own`,
      );
    }
  });

  it('leave the options they are given as they were', () => {
    const translate = translators(instance);
    const options = { count: 3 };
    translate.lv('reports.list.count', options);
    assert.deepEqual(options, { count: 3 });
  });
});
