import type { NextFunction, Request, Response } from 'express';
import type { i18n } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from '../i18n/index.js';

export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    language: Language;
  }
}

/** The URL of the current page in another language (keeps the path and other query parameters). */
export function languageUrl(originalUrl: string, language: Language): string {
  const url = new URL(originalUrl, 'http://placeholder');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

/**
 * Picks the language from `?lang=` (remembered in a cookie), then the cookie, then Latvian, and
 * exposes `t`, `lang` and the switcher links to the views.
 */
export function setUpI18n(i18nInstance: i18n) {
  return (req: Request, res: Response, next: NextFunction) => {
    const asked = req.query.lang;
    const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
    let language: Language = DEFAULT_LANGUAGE;
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
    }
    req.language = language;
    const t = i18nInstance.getFixedT(language);
    res.locals.t = t;
    res.locals.lang = language;
    res.locals.languages = LANGUAGES.map((code) => ({
      code,
      url: languageUrl(req.originalUrl, code),
      current: code === language,
    }));
    res.setHeader('Content-Language', language);
    next();
  };
}
