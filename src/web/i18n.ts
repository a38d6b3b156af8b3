import type { NextFunction, Request, Response } from 'express';
import type { i18n } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
import { translators } from './translators.js';
import { formatNumber } from '../i18n/numbers.js';

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
    // A count or a total as the reader writes numbers: "5 000" (lv, ru), "5,000" (en).
    res.locals.formatNumber = (value: number) => formatNumber(value, language);
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
