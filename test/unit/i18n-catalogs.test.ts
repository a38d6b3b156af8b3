import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, createI18n, loadCatalog, type Catalog } from '../../src/i18n/index.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every key path, with plural forms folded to their base key (languages need different forms). */
function keys(catalog: unknown, prefix = ''): string[] {
  if (Array.isArray(catalog)) return catalog.flatMap((item, index) => keys(item, `${prefix}[${index}]`));
  if (catalog && typeof catalog === 'object') {
    return Object.entries(catalog).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix.replace(PLURAL_SUFFIX, '')];
}

/** Every leaf key as written, plural suffixes kept. */
function rawKeys(node: unknown, prefix = ''): string[] {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    return Object.entries(node).flatMap(([key, value]) => rawKeys(value, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

/** The plural forms a language needs (Intl.PluralRules) that a pluralised key lacks. */
function missingPluralForms(catalog: Catalog, language: string): string[] {
  const raw = rawKeys(catalog);
  const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const bases = new Set(
    raw.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')),
  );
  return [...bases].flatMap((base) =>
    needed.filter((form) => !raw.includes(`${base}_${form}`)).map((form) => `${base}_${form}`),
  );
}

/** Keys used literally in views and source: t('a.b') and t("a.b"). */
function usedKeys(): string[] {
  const files = [
    ...fs.readdirSync('views', { recursive: true, encoding: 'utf8' }).map((file) => path.join('views', file)),
    ...fs.readdirSync('src', { recursive: true, encoding: 'utf8' }).map((file) => path.join('src', file)),
  ].filter((file) => /\.(ejs|ts)$/.test(file));
  const found = new Set<string>();
  for (const file of files) {
    // t('…'), and text('cli.backup.…') for a sentence the backup tools say later (src/backup/errors.ts).
    const calls = /\b(?:t\(\s*['"]([a-zA-Z][\w.-]*)|text\(\s*['"](cli\.backup\.[\w.-]*))['"]/g;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(calls)) found.add((match[1] ?? match[2])!);
  }
  return [...found];
}

/**
 * The keys written twice in one object of a JSON text, as paths: `JSON.parse` keeps the last and
 * says nothing, so an edit to the first copy of a sentence would never be read.
 */
function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const open: { keys: Set<string> | null; path: string; key: boolean }[] = [];
  let last = '';
  for (const [token, string] of text.matchAll(/"((?:[^"\\]|\\.)*)"|[{}[\],]/g)) {
    const top = open.at(-1);
    if (string !== undefined) {
      if (top?.keys && top.key) {
        const name = JSON.parse(`"${string}"`) as string;
        if (top.keys.has(name)) found.push(`${top.path}${name}`);
        top.keys.add(name);
        top.key = false;
        last = name;
      }
    } else if (token === '{' || token === '[') {
      const path = top?.keys ? `${top.path}${last}.` : (top?.path ?? '');
      open.push({ keys: token === '{' ? new Set() : null, path, key: true });
    } else if (token === '}' || token === ']') open.pop();
    else if (top) top.key = true;
  }
  return found;
}

describe('translation catalogs', () => {
  it('write no key twice in one object (JSON keeps the last copy silently)', () => {
    assert.deepEqual(duplicateKeys('{"a": {"b": "x, {y}", "c": [{"b": 1}], "b": "z"}}'), ['a.b']);
    for (const language of LANGUAGES) {
      const folder = path.join('src', 'i18n', language);
      for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json')))
        assert.deepEqual(duplicateKeys(fs.readFileSync(path.join(folder, file), 'utf8')), [], file);
    }
  });

  const catalogs = Object.fromEntries(LANGUAGES.map((language) => [language, loadCatalog(language)]));
  const reference = new Set(keys(catalogs.lv));

  for (const language of LANGUAGES) {
    it(`${language} has every key that any other catalog has`, () => {
      const own = new Set(keys(catalogs[language]));
      for (const other of LANGUAGES) {
        const missing = keys(catalogs[other]).filter((key) => !own.has(key));
        assert.deepEqual(missing, [], `${language} lacks keys that ${other} has`);
      }
      assert.ok(own.size >= reference.size);
    });

    it(`${language} has every plural form its language needs`, () => {
      assert.deepEqual(missingPluralForms(catalogs[language]!, language), []);
    });

    it(`${language} has no empty text`, () => {
      const empty: string[] = [];
      const walk = (node: unknown, path: string) => {
        if (typeof node === 'string') {
          if (node.trim() === '') empty.push(path);
        } else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
        }
      };
      walk(catalogs[language], language);
      assert.deepEqual(empty, []);
    });
  }

  it('has a text for every key the views and the code ask for', () => {
    const known = new Set(keys(catalogs.lv));
    // A key ending in a dot is the prefix of a key built at run time (t('languages.' + code)).
    const exists = (key: string) =>
      key.endsWith('.') ? [...known].some((candidate) => candidate.startsWith(key)) : known.has(key);
    const unknown = usedKeys().filter((key) => !exists(key));
    assert.deepEqual(unknown, []);
  });

  it('names each thing of the staff workspace one way, and speaks to staff without a gender', () => {
    const all = (language: string) => {
      const texts: string[] = [];
      const walk = (node: unknown) => {
        if (typeof node === 'string') texts.push(node);
        else if (node && typeof node === 'object') for (const value of Object.values(node)) walk(value);
      };
      walk(catalogs[language]);
      return texts.join('\n');
    };
    // Each term, and the words that named the same thing elsewhere (or said it wrongly).
    const avoided: Record<string, RegExp[]> = {
      lv: [
        /pierakstīties|izrakstī/i, // "Pieslēgties" and "Atslēgties" (pierakstīties is to register)
        /rezerves kod/i, // "atjaunošanas kodi"
        /novirzīšanas noteikum/i, // "maršrutēšanas noteikumi"
        /Ienākošie e-pasti/, // "Ienākošais pasts"
        /pieteikšanās (saite|kods)|divpakāpju pieteik|piesako|Pieteicās|Pieteikšanās:/i, // signing in is "pieslēgšanās" (subscribing stays "pieteikties")
        /saglabājis|izrakstījies|atslēdzies|"?Pieslēdzies:/, // one gender
        /kas Tilts ir norādīt|vai Tilts ir norādīt/, // "portālā Tilts"
      ],
      en: [/Choose one of the list/],
      ru: [/резервн[а-яё]* код/i, /правил[а-яё]* направлени/i, /Входящие письма/, /сохранил\(а\)/],
    };
    for (const [language, words] of Object.entries(avoided))
      for (const word of words) assert.doesNotMatch(all(language), word, `${language}: ${word}`);
  });

  it('writes English apostrophes and quotation marks typographically (don’t, parish’s, “words”)', () => {
    // A command line as the shell reads it is code, not prose: its quotes stay straight.
    const code = new Set(['cli.staff.usage']);
    const straight: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === 'string') {
        // Placeholders and markup are not words: their quotes are whatever they need.
        const prose = node.replace(/\{\{[^}]*\}\}/g, '').replace(/<[^>]*>/g, '');
        if (!code.has(path) && /['"]/.test(prose)) straight.push(`${path}: ${node}`);
      } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
      }
    };
    walk(catalogs.en, '');
    assert.deepEqual(straight, []);
  });

  it('heads the errors of a resident’s forms with the same words (the report form, the report’s page)', () => {
    const at = (node: unknown, key: string) =>
      key.split('.').reduce((found, part) => (found as Record<string, unknown>)?.[part], node);
    for (const language of LANGUAGES) {
      assert.equal(typeof at(catalogs[language], 'reportForm.errorSummary'), 'string', language);
      assert.equal(
        at(catalogs[language], 'reports.actions.errorSummary'),
        at(catalogs[language], 'reportForm.errorSummary'),
        language,
      );
    }
  });

  it('uses the Latvian plural forms: zero, one (21, 31…) and other', async () => {
    const i18n = await createI18n();
    i18n.addResource('lv', 'translation', 'test.apples_zero', '{{count}} ābolu');
    i18n.addResource('lv', 'translation', 'test.apples_one', '{{count}} ābols');
    i18n.addResource('lv', 'translation', 'test.apples_other', '{{count}} āboli');
    const t = i18n.getFixedT('lv');
    assert.equal(t('test.apples', { count: 0 }), '0 ābolu');
    assert.equal(t('test.apples', { count: 1 }), '1 ābols');
    assert.equal(t('test.apples', { count: 21 }), '21 ābols');
    assert.equal(t('test.apples', { count: 2 }), '2 āboli');
    assert.equal(t('test.apples', { count: 10 }), '10 ābolu');
  });
});
