import type { i18n } from 'i18next';
import { LANGUAGES, isLanguage, type Language, type Translate } from '../i18n/index.js';

// More keys than the catalogs hold: a key built from unexpected input cannot grow the memo forever.
const MEMO_LIMIT = 2_000;

type Call = (key: unknown, ...rest: unknown[]) => unknown;

/** Options i18next reads itself (not values to put into the text): never remembered. */
const I18NEXT_OPTIONS = new Set([
  'context',
  'defaultValue',
  'ns',
  'ordinal',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'replace',
  'lngs',
  'fallbackLng',
  'keyPrefix',
  'interpolation',
  'skipInterpolation',
]);

/** Where the nth text value goes in a remembered translation (characters no catalog or value holds there). */
const marker = (index: number) => `\uE000${index}\uE001`;
const MARKER = /\uE000(\d+)\uE001/g;

interface MemoShape {
  /** What the remembered translation is filed under: the option names, numbers as they are. */
  key: string;
  /** The options with each text value replaced by its marker. */
  sample: Record<string, unknown>;
  texts: string[];
}

/**
 * Options whose translation can be remembered: numbers (a count, a page), text values and a
 * context, none of i18next's other options; `lng` is handled by the caller. Undefined for anything else.
 */
function memoShape(options: Record<string, unknown>): MemoShape | undefined {
  const sample: Record<string, unknown> = {};
  const texts: string[] = [];
  const parts: string[] = [];
  for (const name of Object.keys(options)) {
    if (name === 'lng') continue;
    const value = options[name];
    // A context chosen by the code ('help' for a request's words, '' for a report's) picks the key
    // itself, so it is part of what is remembered, as it is.
    if (name === 'context' && typeof value === 'string') {
      sample[name] = value;
      parts.push(`context=${value}`);
      continue;
    }
    if (I18NEXT_OPTIONS.has(name)) return undefined;
    if (typeof value === 'number') {
      sample[name] = value;
      parts.push(`${name}=${value}`);
    } else if (typeof value === 'string' && name !== 'count') {
      sample[name] = marker(texts.length);
      texts.push(value);
      parts.push(name);
    } else return undefined;
  }
  return { key: parts.join('&'), sample, texts };
}

/**
 * A `t` per language that remembers what a plain key (no options) translates to: i18next spends
 * microseconds on each call and a list page makes a couple of hundred, most of them fixed labels.
 * The catalogs never change while the process runs, so the answer is the same every time. Calls
 * with options (plurals, values) still go to i18next; `{ lng }` alone reads the other language's memo.
 *
 * A call with options goes to i18next's own `t` with the language added, which is what a fixed `t`
 * does once it has copied all of i18next's settings into a new object for its key-selector API (we
 * use string keys only): that copy, on every call, cost a report page more than the rest of its
 * translations together.
 */
export function translators(i18nInstance: i18n): Record<Language, Translate> {
  const memos = new Map<Language, Map<string, unknown>>();
  const fixed = new Map<Language, Call>();
  for (const language of LANGUAGES) {
    memos.set(language, new Map());
    fixed.set(language, i18nInstance.getFixedT(language) as unknown as Call);
  }
  const plain = (language: Language, key: string): unknown => {
    const memo = memos.get(language)!;
    let text = memo.get(key);
    if (text === undefined) {
      text = fixed.get(language)!(key);
      if (memo.size < MEMO_LIMIT) memo.set(key, text);
    }
    return text;
  };
  const isPlainObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
  const onlyLanguage = (options: unknown): Language | undefined => {
    if (typeof options !== 'object' || options === null) return undefined;
    const keys = Object.keys(options);
    const lng = (options as { lng?: unknown }).lng;
    return keys.length === 1 && isLanguage(lng) ? lng : undefined;
  };
  const shaped = new Map<Language, Map<string, unknown>>(LANGUAGES.map((language) => [language, new Map()]));
  /**
   * A translation with values, from a remembered one made with markers in place of its text
   * values (numbers are part of what is remembered: they choose the plural). The values are put
   * in after i18next has done its part, so a resident's words are never read as i18next syntax.
   */
  const filled = (
    language: Language,
    key: string,
    shape: MemoShape,
    translate: (sample: Record<string, unknown>) => unknown,
  ): unknown => {
    const memo = shaped.get(language)!;
    const memoKey = `${key}\u0000${shape.key}`;
    let text = memo.get(memoKey);
    if (text === undefined) {
      text = translate(shape.sample);
      if (memo.size < MEMO_LIMIT) memo.set(memoKey, text);
    }
    return typeof text === 'string'
      ? text.replace(MARKER, (_marker, index: string) => shape.texts[Number(index)]!)
      : text;
  };
  const make = (language: Language): Translate => {
    const call: Call = (key, ...rest) => {
      if (typeof key === 'string') {
        if (rest.length === 0) return plain(language, key);
        const other = rest.length === 1 ? onlyLanguage(rest[0]) : undefined;
        if (other) return plain(other, key);
        const options = rest[0];
        if (rest.length === 1 && isPlainObject(options)) {
          const lng = isLanguage(options.lng) ? options.lng : language;
          const shape = memoShape(options);
          if (!shape) return i18nInstance.t(key, { ...options, lng });
          return filled(lng, key, shape, (sample) => i18nInstance.t(key, { ...sample, lng }));
        }
      }
      return fixed.get(language)!(key, ...rest);
    };
    return call as unknown as Translate;
  };
  return { lv: make('lv'), en: make('en'), ru: make('ru') };
}
