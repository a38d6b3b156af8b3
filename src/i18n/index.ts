import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../paths.js';
import i18next, { type i18n, type TFunction } from 'i18next';
import { numberFormat } from './numbers.js';

export const LANGUAGES = ['lv', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'lv';

export type Catalog = { [key: string]: string | Catalog };
export type Translate = TFunction;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A language's catalog is every JSON file in its folder (common.json, reports.json, mail.json…),
 * so features keep their texts apart. Files are merged section by section: a feature may add its
 * own emails under `mail`, but no key may be defined twice.
 */
export function loadCatalog(language: Language): Catalog {
  const folder = pathToFileURL(projectPath('src', 'i18n', language) + '/');
  const catalog: Catalog = {};
  for (const file of fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const part = JSON.parse(fs.readFileSync(new URL(file, folder), 'utf8')) as Catalog;
    merge(catalog, part, `${language}/${file}`, '');
  }
  return catalog;
}

function merge(into: Catalog, from: Catalog, file: string, path: string): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (existing === undefined) into[key] = value;
    else if (typeof existing === 'object' && typeof value === 'object')
      merge(existing, value, file, `${path}${key}.`);
    else throw new Error(`i18n: "${path}${key}" is defined twice (again in ${file})`);
  }
}

/** One i18next instance for the process; requests take a fixed `t` for their language from it. */
export async function createI18n(): Promise<i18n> {
  return Promise.resolve(createI18nNow());
}

/** createI18n at once: the catalogs are read from disk synchronously, so init has nothing to wait for. */
export function createI18nNow(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(
      LANGUAGES.map((language) => [language, { translation: loadCatalog(language) }]),
    ),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    // EJS escapes on output; escaping here as well would show &amp; to residents.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  // `{{count, number}}`: "5 000" in Latvian and Russian, "5,000" in English (numbers.ts).
  instance.services.formatter?.add('number', numberFormat);
  return instance;
}
