import type { i18n } from 'i18next';
import type { Language } from '../i18n/index.js';

/**
 * What is wrong with a request, said once for every language: the key of its sentence under
 * `open311.errors` (src/i18n/<lang>/open311.json) and the values the sentence names.
 */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

/** A GeoReport v2 error: its HTTP status is also its `code`; its description is said in the answer's language. */
export class Open311Error extends Error {
  readonly problem: Problem;

  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429,
    key: string,
    values?: Problem['values'],
  ) {
    super(key);
    this.name = 'Open311Error';
    this.problem = { key, ...(values && { values }) };
  }
}

export const notFound = (what: 'service' | 'request' | 'token' | 'path', values?: Problem['values']) =>
  new Open311Error(404, `notFound.${what}`, values);

/** A value named in a description as a client gave it: quoted, and never longer than a code. */
export const quoted = (value: string) => JSON.stringify(value.slice(0, 40));

/** A problem in words of the language (lv, en or ru) for an error's `description`. */
export function describe(i18nInstance: Pick<i18n, 't'>, problem: Problem, language: Language): string {
  return i18nInstance.t(`open311.errors.${problem.key}`, { lng: language, ...problem.values });
}
