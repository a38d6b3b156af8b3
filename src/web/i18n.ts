import type { NextFunction, Request, Response } from 'express';
import type { i18n } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language, type Translate } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';

export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    language: Language;
    /** Whether the person chose it (`?lang=` or its cookie), not their browser or the default. */
    languageChosen: boolean;
    /**
     * The language this answer's links, forms and redirects name (`lang=`), or undefined when they
     * need none (`linkLanguage`).
     */
    linkLanguage: Language | undefined;
  }
}

/**
 * A link that keeps the language it was made in: `lang=` added unless it is the default. For a
 * document with no reader's browser to go by (Open311's discovery); a page's links follow
 * `linkLanguage` instead (`langUrlOf`).
 */
export function withLanguage(url: string, language: Language): string {
  return language === DEFAULT_LANGUAGE ? url : addLanguage(url, language);
}

/**
 * The language a page's links, forms and redirects name (`lang=`), or undefined when they need
 * none: the page's language, unless the next request from the same browser, sent without a
 * cookie, would be answered in it anyway. That is only Latvian, the default, on a browser whose
 * Accept-Language alone picks Latvian (`browser`): the common case keeps clean addresses. Latvian
 * chosen on a browser that asks for English is named, or a reader who keeps no cookie would get the
 * next page in English. English and Russian are always named, as before: a download followed by
 * a script, or a link shared with someone else, keeps them.
 *
 * Not "whenever `?lang=` gave it": every emailed link says `lang=lv`, and a Latvian reader would
 * then carry it through every page after. The rule reads only the page's language and the
 * browser's, both the same on every request of one reader, so it holds from page to page.
 */
export function linkLanguage(language: Language, browser: Language): Language | undefined {
  return language === DEFAULT_LANGUAGE && browser === DEFAULT_LANGUAGE ? undefined : language;
}

/**
 * A link, a download or a form's action on this request's page, with the language it must keep
 * (`req.linkLanguage`): a script that follows it has no language cookie, and neither has a browser
 * that refuses cookies; the link alone must say it.
 */
export function langUrlOf(req: Request, url: string): string {
  return req.linkLanguage ? addLanguage(url, req.linkLanguage) : url;
}

/**
 * The URL of the current page in another language (keeps the path and other query parameters).
 * Always a path on this site: a request for `/.//evil.example/x` must not yield `//evil.example/x`,
 * which a browser reads as another host.
 */
export function languageUrl(originalUrl: string, language: Language): string {
  return languageUrls(originalUrl)[language];
}

/**
 * A path with no query, no empty or dot segment and nothing to encode, such as `/reports/new`:
 * the URL parser would give it back as it is.
 */
const PLAIN_PATH = /^\/(?:[\w~-][\w.~-]*(?:\/|$))*$/;

/**
 * `languageUrl` for every language, from one parse of the URL (every page shows all three). Not
 * `addLanguage`, which keeps a language the URL already names: the switcher replaces it (every
 * `lang` given), and rebuilds the path so that it stays on this site (without its fragment). A
 * plain path has neither, and is where the two agree.
 */
export function languageUrls(originalUrl: string): Record<Language, string> {
  if (PLAIN_PATH.test(originalUrl)) {
    const urls = {} as Record<Language, string>;
    for (const language of LANGUAGES) urls[language] = addLanguage(originalUrl, language);
    return urls;
  }
  const url = new URL(originalUrl, 'http://placeholder');
  const pathname = `/${url.pathname.replace(/^[/\\]+/, '')}`;
  const urls = {} as Record<Language, string>;
  for (const language of LANGUAGES) {
    url.searchParams.set('lang', language);
    urls[language] = `${pathname}${url.search}`;
  }
  return urls;
}

/** The language switcher's links: each language's address of this page, and which one it is. */
export function languageLinks(originalUrl: string, current: Language) {
  const urls = languageUrls(originalUrl);
  return LANGUAGES.map((code) => ({ code, url: urls[code], current: code === current }));
}

/**
 * The page the language switcher re-opens. A page answering a POST (a form shown again with its
 * errors) cannot be fetched at its own address, which may be POST-only: the form says which page
 * it is on in `_page` (every staff form, views/partials/csrf.ejs; a public form whose page and
 * action differ), else the address is taken to GET the same form, as most public forms do. The
 * public forms a resident fills in switch by sending themselves back instead, so nothing typed is
 * lost (src/web/language-switch.ts); their `_page` still serves an error page answering them.
 */
export function switchablePage(req: Request): string {
  if (req.method === 'GET' || req.method === 'HEAD') return req.originalUrl;
  const page = (req.body as Record<string, unknown> | undefined)?._page;
  // Only a path of this site; languageUrls keeps it one even if it starts with `//`.
  const own = typeof page === 'string' && page.length <= 2_000 && /^\/(?![/\\])/.test(page);
  return own ? page : req.originalUrl;
}

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

/**
 * Picks the language from `?lang=` (remembered in a cookie; every link in our emails carries it),
 * then the cookie, then the browser's Accept-Language among lv/en/ru, then Latvian, exposes
 * `t`, `lang` and the switcher links to the views, and says which language links must name
 * (`req.linkLanguage`), which every redirect after it keeps (keepLanguageOnRedirect, set on the app).
 */
export function setUpI18n(i18nInstance: i18n) {
  const translate = translators(i18nInstance);
  return (req: Request, res: Response, next: NextFunction) => {
    const asked = req.query.lang;
    const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
    // What the browser alone asks for: the language when nothing else says one, and what decides
    // whether links must name Latvian (linkLanguage).
    const browser = (): Language => {
      if (!req.get('accept-language')) return DEFAULT_LANGUAGE;
      const preferred = req.acceptsLanguages(...LANGUAGES);
      return isLanguage(preferred) ? preferred : DEFAULT_LANGUAGE;
    };
    let language: Language;
    req.languageChosen = isLanguage(asked) || isLanguage(cookie);
    if (isLanguage(asked)) {
      language = asked;
      if (cookie !== asked) {
        res.cookie(LANGUAGE_COOKIE, asked, {
          maxAge: ONE_YEAR_MS,
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
        });
      }
    } else if (isLanguage(cookie)) {
      language = cookie;
    } else {
      language = browser();
    }
    req.language = language;
    // The browser's own choice decides only for Latvian chosen by `?lang=` or the cookie: read
    // again only then (otherwise the language is the browser's, or not Latvian, and always named).
    const browsers = req.languageChosen && language === DEFAULT_LANGUAGE ? browser() : language;
    req.linkLanguage = linkLanguage(language, browsers);
    // The same address answers in another language for another cookie or browser.
    res.vary('Accept-Language');
    res.vary('Cookie');
    res.locals.t = translate[language];
    res.locals.lang = language;
    // A link from one page to another carries the language when it must (`langUrl('/reports')`,
    // req.linkLanguage), and a GET form sends it (`langField`): a script, a browser without
    // cookies or a shared link has no cookie to keep it. A POST form's action carries it the same
    // way (`action="<%= langUrl('/reports') %>"`): the query of a POST picks the language of its
    // answer, and the redirect after it keeps it (keepLanguageOnRedirect, set on the app).
    res.locals.langUrl = (url: string) => langUrlOf(req, url);
    res.locals.langField = req.linkLanguage;
    // A link to a feed or a data file (`dataUrl('/feeds/reports.atom')`) always says its language,
    // Latvian too: the reader or program that follows it has no cookie to keep it.
    res.locals.dataUrl = (url: string) => addLanguage(url, language);
    // Made when a view first reads them: a photo, a feed or a kept page has no switcher to show.
    let links: ReturnType<typeof languageLinks> | undefined;
    Object.defineProperty(res.locals, 'languages', {
      enumerable: true,
      configurable: true,
      get: () => (links ??= languageLinks(switchablePage(req), language)),
      set: (value: ReturnType<typeof languageLinks>) => {
        links = value;
      },
    });
    res.setHeader('Content-Language', language);
    next();
  };
}
