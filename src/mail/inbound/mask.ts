import { bareLinkSpans, replaceSpans } from './bare-links.js';
import {
  escapeRegExp,
  isOwnPrivateLink,
  isPrivateLink,
  linkPattern,
  siteOf,
  splitTrailingPunctuation,
} from './private-links.js';
import { isInboundAddress } from './reply-address.js';

/*
 * The last step before a reply is published: whatever the quote rules let through, no e-mail
 * address, phone number, reply address or link that acts on a report reaches the public page or
 * the resident's mailbox. A clerk's own office number is masked too: a public update is the wrong
 * place for any of them, and a number that was needed can be given again by phone.
 */

export const MASK = '[…]';

/**
 * `own-link` is one of Tilts' own acting links (it means the notification came back quoted);
 * `token-link` is any other link carrying a secret.
 */
export type MaskKind = 'email' | 'phone' | 'token-link' | 'own-link' | 'reply-address' | 'reporter-contact';

export interface MaskContext {
  /** Where Tilts is published, e.g. https://tilts.example.org: its action links are private. */
  publicUrl: string;
  /** The domain of reply addresses (r-…@inboundDomain). */
  inboundDomain: string;
  reporter?: { email?: string | null; phone?: string | null; name?: string | null };
  /**
   * False: links that act on a report are masked, email addresses and phone numbers kept (staff's
   * words to the one reader of a private request, who may need the number they were given).
   */
  contacts?: boolean;
}

export interface MaskResult {
  text: string;
  /** Each kind that was masked, once, in the order the passes found them. */
  masked: MaskKind[];
}

// Starts only where a local part starts (the lookbehind), so a long run without '@' is read once.
const LOCAL = String.raw`[\p{L}\p{N}._%+-]+`;
const DOMAIN = String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
// "janis @ example.org" and "janis%40example.org" (as a link encodes it) are addresses too.
const AT = String.raw`[ \u00a0]?(?:@|%40)[ \u00a0]?`;
const EMAIL = new RegExp(
  String.raw`<(?:mailto:)?${LOCAL}${AT}${DOMAIN}>|(?<![\p{L}\p{N}._%+-])(?:mailto:)?${LOCAL}${AT}${DOMAIN}`,
  'giu',
);
// "janis (at) example.org", "janis [at] example [dot] org": not required, but cheap to catch.
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}\s*[([]\s*(?:at|@)\s*[)\]]\s*[\p{L}\p{N}-]+(?:(?:\.|\s*[([]\s*(?:dot|punkts|точка)\s*[)\]]\s*)[\p{L}\p{N}-]+)+`,
  'giu',
);

// "janis at example.org", "janis at example dot org": the word without brackets, before a domain
// with a top-level name (never a www. address, which is a public link).
const SPELLED_DOT = String.raw`(?:\.|\s+(?:dot|punkts|точка)\s+)`;
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}\s+(?:at|эт)\s+(?!www\.)[\p{L}\p{N}-]+(?:${SPELLED_DOT}[\p{L}\p{N}-]+)*${SPELLED_DOT}\p{L}{2,24}(?![\p{L}\p{N}])`,
  'giu',
);

/*
 * Latvian numbers: eight digits starting with 2 (mobile) or 6 (landline), grouped by single spaces,
 * hyphens, dots or slashes in any way (29 12 34 56, 29.12.34.56, 2912/3456), optionally after
 * +371, 00371 or (371). Not inside a longer number, a word, a report number (RZN-2026-00042) or a
 * decimal; sums and dates (23.11.2026) are filtered afterwards.
 */
const SEPARATOR = '[ \\u00a0-]';
const DIGIT_SEPARATOR = '[ \\u00a0./-]';
const LATVIAN_PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+_/-])(?<!\d[.,])(?:(?:\+|00)${SEPARATOR}?371${SEPARATOR}?|\(\+?371\)${SEPARATOR}?)?` +
    String.raw`[26](?:${DIGIT_SEPARATOR}?\d){7}(?!\d|[.,/-]\d|${SEPARATOR}\d)`,
  'gu',
);
// A date written with dots or slashes has a phone number's eight digits: 23.11.2026, 23/11/2026.
const DOTTED_DATE = /^\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d$/;
// Any other country, written with its + code: nine to fifteen digits; "(+371) 2912 3456" whole.
const INTERNATIONAL_PHONE =
  /(?<![\p{L}\p{N}+])(?:\(\+(?=\d{1,3}\))|\+)\d(?:[ \u00a0().-]{0,2}\d){8,14}(?!\d)/gu;
// After a label ("tālr. 8000 1234") a shorter or unusual number is still a phone number.
const LABELLED_PHONE =
  /(?<=(?<!\p{L})(?:t[aā]lr(?:unis)?|tel(?:efons|ephone)?|mob(?:ilais|ile)?|phone|fakss|fax|тел(?:ефон)?|моб(?:ильный)?|факс)\.?\s{0,3}:?\s{0,3})\+?\(?\d(?:[ \u00a0().-]{0,2}\d){6,14}(?!\d)/giu;
const ISO_DATE = /^(?:19|20)\d\d-[01]\d-[0-3]\d$/;
const TWO_YEARS = /^(?:19|20)\d\d[ \u00a0-](?:19|20)\d\d$/;
const UNIT_AFTER =
  /^[ \u00a0]?(?:eur(?!\p{L})|€|eiro|euro|евро|руб|rub|usd|\$|%|gab|m²|m2|km|kg|ha(?!\p{L})|cm|mm)/iu;
const CURRENCY_BEFORE = /(?:€|eur|eiro|\$)[ \u00a0]?$/i;
const MIN_PHONE_DIGITS = 7;
const MAX_SEPARATORS = 3;

type Replacer = (match: string, offset: number, input: string) => MaskKind | undefined;

/*
 * Characters that look like ASCII and are typed to slip past a filter: full-width letters, digits
 * and signs (＠, ２９１２…), the small and other commercial ats, digits of mathematical alphabets.
 * They are read, and published, as the ASCII they stand for.
 */
const LOOKALIKE = /[\uff01-\uff5e\ufe6b\u3000]|(?![0-9])\p{Nd}/gu;
function asAscii(text: string): string {
  return text.replace(LOOKALIKE, (ch) => {
    const plain = ch.normalize('NFKC');
    return /^[\x20-\x7e]$/.test(plain) ? plain : ch;
  });
}

/**
 * The site and its link pattern, made once per address (an installation has one): a pattern made
 * anew is compiled anew, which cost more than the masks' passes over a title.
 */
const SITES = new Map<string, { site: ReturnType<typeof siteOf>; links: RegExp }>();
function linksOf(publicUrl: string) {
  let found = SITES.get(publicUrl);
  if (found === undefined) {
    const site = siteOf(publicUrl);
    found = { site, links: linkPattern(site) };
    if (SITES.size >= 16) SITES.clear();
    SITES.set(publicUrl, found);
  }
  return found;
}

export function maskPrivateDetails(written: string, context: MaskContext): MaskResult {
  const text = asAscii(written);
  const found = new Set<MaskKind>();
  const mask = (input: string, pattern: RegExp, kindOf: Replacer): string =>
    input.replace(pattern, (match: string, ...rest: unknown[]) => {
      const offset = rest.find((value): value is number => typeof value === 'number') ?? 0;
      const kind = kindOf(match, offset, input);
      if (kind === undefined) return match;
      found.add(kind);
      return MASK;
    });

  const { site, links } = linksOf(context.publicUrl);
  let out = text.replace(links, (link) => {
    const [href, trailing] = splitTrailingPunctuation(link);
    if (!isPrivateLink(href, site)) return link;
    found.add(isOwnPrivateLink(href, site) ? 'own-link' : 'token-link');
    return `${MASK}${trailing}`;
  });
  if (context.contacts === false) return { text: out, masked: [...found] };
  const emailKind = (address: string): MaskKind => classifyEmail(address, context);
  out = mask(out, EMAIL, emailKind);
  out = mask(out, OBFUSCATED_EMAIL, emailKind);
  out = mask(out, SPELLED_EMAIL, emailKind);
  const reporterPhone = reporterPhonePattern(context.reporter?.phone);
  if (reporterPhone !== undefined) out = mask(out, reporterPhone, () => 'reporter-contact');
  // A number with its + code first, so "+370 612 34567" is not read as a Latvian "61234567".
  out = mask(out, INTERNATIONAL_PHONE, () => 'phone');
  out = mask(out, LATVIAN_PHONE, latvianPhoneKind);
  out = mask(out, LABELLED_PHONE, () => 'phone');
  return { text: out, masked: [...found] };
}

/**
 * Only the reporter's own contact masked, wherever and however they wrote it (their address in any
 * spelling, their number in any formatting); everything else is left as written. For the words a
 * report keeps once its reporter is erased: the public masks no longer know whose contact it was.
 */
export function maskReporterContact(
  written: string,
  reporter: { email: string | null; phone: string | null },
) {
  const address = reporter.email ? normaliseEmail(reporter.email) : undefined;
  let out = written;
  if (address)
    for (const pattern of [EMAIL, OBFUSCATED_EMAIL, SPELLED_EMAIL])
      out = out.replace(pattern, (match) => (normaliseEmail(match) === address ? MASK : match));
  const phone = reporterPhonePattern(reporter.phone);
  return phone ? out.replace(phone, MASK) : out;
}

function classifyEmail(written: string, context: MaskContext): MaskKind {
  const address = normaliseEmail(written);
  if (isInboundAddress(address, context.inboundDomain)) return 'reply-address';
  const reporter = context.reporter?.email;
  if (reporter && normaliseEmail(reporter) === address) return 'reporter-contact';
  return 'email';
}

// One spelling for "<mailto:Janis@Example.org>", "janis (at) example [dot] org" and "janis %40 example.org".
function normaliseEmail(written: string): string {
  return written
    .toLowerCase()
    .replace(/^<|>$/g, '')
    .replace(/^mailto:/, '')
    .replace(/\s*[([]\s*(?:at|@)\s*[)\]]\s*/u, '@')
    .replace(/\s*(?:@|%40)\s*/u, '@')
    .replace(/\s+(?:at|эт)\s+/u, '@')
    .replace(/\s+(?:dot|punkts|точка)\s+/gu, '.')
    .replace(/\s*[([]\s*(?:dot|punkts|точка)\s*[)\]]\s*/gu, '.')
    .trim();
}

// Sums ("22 000 000 EUR"), ISO dates and pairs of years have the shape of a phone number.
function latvianPhoneKind(match: string, offset: number, input: string): MaskKind | undefined {
  if (ISO_DATE.test(match) || TWO_YEARS.test(match) || DOTTED_DATE.test(match)) return undefined;
  if (UNIT_AFTER.test(input.slice(offset + match.length, offset + match.length + 6))) return undefined;
  if (CURRENCY_BEFORE.test(input.slice(Math.max(0, offset - 6), offset))) return undefined;
  return 'phone';
}

/*
 * The reporter's number in any formatting: its digits in order with up to three separators
 * between each, the Latvian country code optional whether or not the reporter gave it.
 */
function reporterPhonePattern(phone: string | null | undefined): RegExp | undefined {
  let digits = (phone ?? '').replace(/\D/g, '').replace(/^00/, '');
  if (digits.length === 11 && digits.startsWith('371')) digits = digits.slice(3);
  if (digits.length < MIN_PHONE_DIGITS) return undefined;
  const separators = `[\\s().\\-/]{0,${MAX_SEPARATORS}}`;
  const body = [...digits].map(escapeRegExp).join(separators);
  const countryCode =
    digits.length === 8 ? String.raw`(?:\(?(?:\+|00)?371\)?${separators})?` : String.raw`(?:\+|00)?`;
  return new RegExp(String.raw`(?<!\d)${countryCode}${body}(?!\d)`, 'gu');
}

const ANY_LINK = linkPattern(undefined);

/**
 * Every link in a text, public or private, and a bare domain: for a name shown to the public (an
 * organisation's on /help) and a volunteer's words before both agreed, where a link belongs no
 * more than a phone number does.
 */
export function maskLinks(written: string): string {
  const replace = (link: string) => `${MASK}${splitTrailingPunctuation(link)[1]}`;
  const text = asAscii(written).replace(ANY_LINK, replace);
  return replaceSpans(text, bareLinkSpans(text), () => MASK);
}

// For a text checked before it is published anywhere: no site's own links, no reply domain.
const NO_SITE: MaskContext = { publicUrl: 'http://localhost', inboundDomain: 'invalid' };

/**
 * Whether a name holds anything a stranger could use to reach someone or be sent somewhere: an
 * email address, a phone number or a link. The offer form refuses such an organisation's name.
 */
export function holdsContactOrLink(written: string): boolean {
  if (maskLinks(written) !== asAscii(written)) return true;
  return maskPrivateDetails(written, NO_SITE).masked.length > 0;
}

/**
 * The contacts a text holds, however written (29 12 34 56, janis at example dot org): 'phone',
 * 'email', both or none. Links are not contacts here: a public answer may point to a web page.
 */
export function contactsIn(written: string): ('phone' | 'email')[] {
  const { masked } = maskPrivateDetails(written, NO_SITE);
  return (['phone', 'email'] as const).filter((kind) => masked.includes(kind));
}
