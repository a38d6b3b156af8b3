import type { Express, Response } from 'express';
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
 * Makes every response's `res.redirect` keep its request's language (`redirectWithLanguage` with
 * `req.linkLanguage`). About fifty routes redirect after a form (303 to the page that shows what
 * was done), and a helper each of them had to call would be forgotten by the next one. Set once on
 * the app's response prototype, not on each response: it costs a request nothing until it
 * redirects. It reads the language setUpI18n (./i18n.ts) picked, so a route before that (Open311
 * and inbound mail, with their own language rules) has none and redirects as written. Each route
 * still writes the plain path it means.
 */
export function keepLanguageOnRedirect(app: Express): void {
  const response = app.response as Response;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with each response as `this`
  const redirect = response.redirect as (this: Response, status: number, url: string) => void;
  response.redirect = function (this: Response, statusOrUrl: number | string, url?: string) {
    const [status, to] = typeof statusOrUrl === 'number' ? [statusOrUrl, String(url)] : [302, statusOrUrl];
    redirect.call(this, status, redirectWithLanguage(to, this.req.linkLanguage));
  } as Response['redirect'];
}
