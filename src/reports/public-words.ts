import { MASK, maskPrivateDetails } from '../mail/inbound/mask.js';
import { escapeRegExp } from '../mail/inbound/private-links.js';

/** Whose words these are: their own contact details and name are masked wherever they were typed. */
export interface Writer {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ScrubSettings {
  publicUrl: string;
  inboundDomain: string;
}

/**
 * A resident's words as the public reads them, wherever that is (the report's page, the lists,
 * the map, the feeds, alert emails, open data, Open311): every email address, phone number and
 * private link masked (the rules that clean a published reply), and the writer's own full name as
 * well, however it is declined, spaced or cased. Staff, and the emails to the parish, read the
 * words as typed.
 */
export function scrubText(text: string, writer: Writer, settings: ScrubSettings): string {
  const out = maskPrivateDetails(text, {
    publicUrl: settings.publicUrl,
    inboundDomain: settings.inboundDomain,
    reporter: { email: writer.email, phone: writer.phone },
  }).text;
  const name = namePattern(writer.name);
  return name ? out.replace(name, MASK) : out;
}

// A Latvian letter and the same letter without its mark, either way: a declined name may lose or
// gain one (Jānis, Jāņa).
const VARIANTS = ['aā', 'cč', 'eē', 'gģ', 'iī', 'kķ', 'lļ', 'nņ', 'sš', 'uū', 'zž'];
const VARIANT_OF = new Map(VARIANTS.flatMap((pair) => [...pair].map((letter) => [letter, pair])));
// What a Latvian name's ending may be: dropped to find its stem (Jānis → Jān, Kalniņš → Kalniņ).
const ENDING = /[aeiouāēīūsš]{1,2}$/u;
const MIN_STEM = 3;
// The endings a declined name takes on its stem (Jāņa, Jānim, Kalniņam, Jāņiem).
const ENDINGS = '[aeiouāēīūsšm]{0,3}';

/** A name's word (in lower case) with its Latvian ending dropped, keeping at least MIN_STEM letters. */
function stemOf(word: string): string {
  const stem = word.replace(ENDING, '');
  return [...stem].length >= MIN_STEM ? stem : word.slice(0, MIN_STEM);
}

/** Lower case without the marks of Latvian letters: what the pre-check compares. */
function fold(text: string): string {
  return text.toLowerCase().replace(/[āčēģīķļņšūž]/gu, (letter) => VARIANT_OF.get(letter)![0]!);
}

/**
 * The writer's full name in any of its forms (Jānis Kalniņš, Jāņa Kalniņa, JĀNIM KALNIŅAM): each
 * word's stem, any of its letters with or without its mark, then an ending of up to three letters,
 * the words in order with any spacing. A single word ("Anna") would mask that word wherever it means
 * something else; a full name does not. Undefined for a name of one word.
 */
function namePattern(name: string | null): RegExp | undefined {
  const words = (name ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length < 2) return undefined;
  const forms = words.map((word) => {
    const letters = [...stemOf(word.toLowerCase())].map((letter) => {
      const pair = VARIANT_OF.get(letter);
      return pair ? `[${pair}]` : escapeRegExp(letter);
    });
    return `${letters.join('')}${ENDINGS}`;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])${forms.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Whether a text could hold anything scrubText masks: an `@`, "%40" or "(at)", seven digits close
 * together (the shortest phone number the masks read), a link, or a character the masks read as
 * ASCII (full-width ＠ and ２, other digits). Most titles and places hold none of them, and a page
 * of twenty need not pay for the masks' passes over each (~8 µs).
 */
const MAYBE_PRIVATE = String.raw`@|%40|[([]\s*at\s*[)\]]|\d(?:\D{0,3}\d){6}|https?://|www\.|[\uff01-\uff5e\ufe6b]|(?![0-9])\p{Nd}`;

/** Whose words a report's are: its reporter's. */
export const writerOf = (report: {
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
}): Writer => ({ name: report.reporterName, email: report.reporterEmail, phone: report.reporterPhone });

/**
 * A writer known by name alone: the rows of lists, pins, feeds and digests carry the reporter's
 * name (never their contacts, which the masks find in any case), so it is masked where they typed it.
 */
export const writerNamed = (name: string | null): Writer | null =>
  name ? { name, email: null, phone: null } : null;

/**
 * scrubText for the public surfaces, with the settings of this installation: a text that cannot
 * hold a contact, a link or the writer's name is given back as it is, without the masks' passes.
 */
export class PublicWords {
  /** MAYBE_PRIVATE, and our own host written bare (`tilts.example.org/…`), a link the masks read too. */
  private readonly maybePrivate: RegExp;

  constructor(private readonly settings: ScrubSettings) {
    const host = escapeRegExp(new URL(settings.publicUrl).hostname);
    this.maybePrivate = new RegExp(`${MAYBE_PRIVATE}|${host}/`, 'iu');
  }

  /** `text` as the public may read it; `writer` (when known) has their own name masked too. */
  of(text: string, writer: Writer | null = null): string {
    if (!this.maybePrivate.test(text) && !this.holdsName(text, writer)) return text;
    return scrubText(text, writer ?? NOBODY, this.settings);
  }

  /** Whether the text holds the stem of the writer's first name, in any form (pattern or not). */
  private holdsName(text: string, writer: Writer | null): boolean {
    const first = writer?.name?.trim().split(/\s+/u)[0];
    return first !== undefined && first !== '' && fold(text).includes(fold(stemOf(first.toLowerCase())));
  }
}

const NOBODY: Writer = { name: null, email: null, phone: null };
