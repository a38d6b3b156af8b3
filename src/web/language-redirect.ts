import type { Request, Response } from 'express';
import type { Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';

/** A path of this site: one slash, not `//host` or `/\host`, which a browser reads as another site. */
const OWN_PATH = /^\/(?![/\\])/;

/**
 * Where a redirect of this site sends the reader, with the language the request's links name
 * (`req.linkLanguage`, see `linkLanguage` in ./i18n.ts: none for Latvian on a browser that asks
 * for Latvian; a language the target names already stays, and so does its fragment): a browser
 * without the language cookie opens the next page in it too, not in its Accept-Language. Another
 * site's address is left alone.
 */
export function redirectWithLanguage(url: string, language: Language | undefined): string {
  return OWN_PATH.test(url) && language ? addLanguage(url, language) : url;
}

/**
 * Makes this response's `res.redirect` keep the request's language (`redirectWithLanguage`). About
 * fifty routes redirect after a form (303 to the page that shows what was done), and a helper each
 * of them had to call would be forgotten by the next one; a wrapper set where the language is
 * picked applies to every route after it, and to none before it (Open311 and inbound mail, with
 * their own language rules). Each route still writes the plain path it means.
 */
export function keepLanguageOnRedirect(req: Request, res: Response): void {
  const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
  res.redirect = ((statusOrUrl: number | string, url?: string) => {
    const [status, to] = typeof statusOrUrl === 'number' ? [statusOrUrl, String(url)] : [302, statusOrUrl];
    redirect(status, redirectWithLanguage(to, req.linkLanguage));
  }) as Response['redirect'];
}
