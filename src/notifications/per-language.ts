import type { Language } from '../i18n/index.js';

/**
 * `make` for each language asked for, made once per language: a report's readers (its parish,
 * its followers) share a few languages, and its view in one costs the same for every reader.
 */
export function perLanguage<T>(make: (language: Language) => Promise<T>): (language: Language) => Promise<T> {
  const made = new Map<Language, Promise<T>>();
  return (language) => {
    let value = made.get(language);
    if (!value) {
      value = make(language);
      made.set(language, value);
    }
    return value;
  };
}
