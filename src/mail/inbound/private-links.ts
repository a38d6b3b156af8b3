/*
 * Links that act for whoever follows them: Tilts' own action, confirmation and unsubscribe links,
 * and any link that carries a token. A reply quoting the notification can carry one that resolves
 * a report with one click, so it is masked; an ordinary public link is left for readers to use.
 */

// Paths under publicUrl whose links carry authority rather than information.
const PRIVATE_PATH =
  /^\/(?:actions|reports\/confirm|subscriptions\/confirm|unsubscribe)(?:\/|$)|^\/reports\/[^/]+\/fixed(?:\/|$)/i;
// Query parameters that carry a secret: Tilts' own links use token= and sig=, other sites the rest.
const SECRET_PARAMETER = /^(?:token|sig|signature|key|code|auth)$/i;
// Everything up to whitespace or a character that cannot appear unescaped in a URL.
const LINK_BODY = /[^\s<>"'`{}|\\^[\]]+/u.source;
// A run of URL-safe characters long enough to be a secret.
const LONG_RUN = /[\p{L}\p{N}_~.+=-]{16,}/gu;
const MIN_TOKEN_LENGTH = 16;
const MAX_WORD_LENGTH = 24;
const MAX_NUMBER_LENGTH = 12;

export interface Site {
  hostname: string;
  basePath: string;
}

export function siteOf(publicUrl: string): Site | undefined {
  const url = parseUrl(publicUrl);
  if (url === undefined) return undefined;
  return { hostname: url.hostname, basePath: url.pathname.replace(/\/+$/, '') };
}

/** Links in text: with a scheme, starting with www., or naming our own host bare. */
export function linkPattern(site: Site | undefined): RegExp {
  const ownHost = site === undefined ? '' : `|${escapeRegExp(site.hostname)}/`;
  return new RegExp(String.raw`(?<![\p{L}\p{N}@./-])(?:https?://|www\.${ownHost})${LINK_BODY}`, 'giu');
}

/** Punctuation that ends a sentence after a link rather than belonging to it. */
export function splitTrailingPunctuation(link: string): [string, string] {
  const trailing = /[.,;:!?)\]»"'’”]+$/.exec(link)?.[0] ?? '';
  return [link.slice(0, link.length - trailing.length), trailing];
}

/** One of Tilts' own links that act for whoever holds them (an action, a confirmation…). */
export function isOwnPrivateLink(link: string, site: Site | undefined): boolean {
  const url = parseUrl(/^https?:\/\//i.test(link) ? link : `http://${link}`);
  return url !== undefined && site !== undefined && isOwnPrivatePath(url, site);
}

export function isPrivateLink(link: string, site: Site | undefined): boolean {
  const url = parseUrl(/^https?:\/\//i.test(link) ? link : `http://${link}`);
  // A link we cannot read is judged by its parts alone.
  if (url === undefined) return link.split(/[/?&=#]/).some(isTokenLike);
  if ([...url.searchParams.keys()].some((name) => SECRET_PARAMETER.test(name))) return true;
  if (site !== undefined && isOwnPrivatePath(url, site)) return true;
  const values = [...url.pathname.split('/'), ...url.searchParams.values(), url.hash.slice(1)];
  return values.some((value) => isTokenLike(safeDecode(value)));
}

function isOwnPrivatePath(url: URL, site: Site): boolean {
  if (url.hostname !== site.hostname) return false;
  const path = safeDecode(url.pathname);
  if (site.basePath !== '' && !path.startsWith(`${site.basePath}/`)) return false;
  return PRIVATE_PATH.test(path.slice(site.basePath.length));
}

/*
 * Sixteen or more URL-safe characters, unless they are plainly words and numbers joined by
 * hyphens: "rezeknes-novada-dome-apstiprina-budzetu" and "RZN-2026-00042" are names, while
 * "lzx9q2", "a1b2c3…" or a random "aBcDeFgHiJ…" are secrets.
 */
export function isTokenLike(value: string): boolean {
  if (value.length < MIN_TOKEN_LENGTH) return false;
  for (const [run] of value.matchAll(LONG_RUN)) {
    if (!run.split(/[-_.~+=]/).every(isPlainPart)) return true;
  }
  return false;
}

function isPlainPart(part: string): boolean {
  if (part === '' || (/^\p{N}+$/u.test(part) && part.length <= MAX_NUMBER_LENGTH)) return true;
  if (!/^\p{L}+$/u.test(part) || part.length > MAX_WORD_LENGTH) return false;
  // "iPhone" and "McDonalds" change case once; random letters change it all the time.
  return (part.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) <= 2;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
