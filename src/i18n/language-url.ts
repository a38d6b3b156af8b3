import type { Language } from './index.js';

/** A `lang` parameter already in a URL's query (before any fragment). */
const HAS_LANGUAGE = /^[^#]*[?&]lang=/;

/**
 * A URL (a path of this site or a whole address) with `lang=` added to its query, before any
 * fragment, unless its query names a language already: the one way every link that must keep its
 * reader's language says it (pages, feeds, emails). Whether to add it for Latvian, the default,
 * is the caller's choice: a page's link needs none, a feed's or an email's always says it.
 */
export function addLanguage(url: string, language: Language): string {
  if (HAS_LANGUAGE.test(url)) return url;
  const hash = url.indexOf('#');
  const [before, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${before}${before.includes('?') ? '&' : '?'}lang=${language}${fragment}`;
}
