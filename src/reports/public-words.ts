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
  // Each part of a double surname (Kalniņa-Ozola) takes its own ending.
  const forms = words.map((word) => word.split('-').map(declined).join('-'));
  // Official lists write the surname first (Kalniņa Ilze).
  const orders = [forms, [...forms.slice(1), forms[0]!]].map((order) => order.join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${orders.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

// The consonant at the end of a stem that changes when the name is declined (Dāvis → Dāvja,
// Gulbis → Gulbja, Briedis → Brieža, Kalnietis → Kalnieša); s, z, c, l and n change by their mark.
const ALTERNATING: Readonly<Record<string, string>> = {
  b: 'bj?',
  p: 'pj?',
  m: 'mj?',
  v: 'vj?',
  f: 'fj?',
  t: '[tš]',
  d: '[dž]',
};

/** One word of a name, any of its letters with or without its mark, its stem's end alternating. */
function declined(word: string): string {
  const stem = [...stemOf(word.toLowerCase())];
  const letters = stem.map((letter, index) => {
    const alternating = index === stem.length - 1 ? ALTERNATING[letter] : undefined;
    if (alternating) return alternating;
    const pair = VARIANT_OF.get(letter);
    return pair ? `[${pair}]` : escapeRegExp(letter);
  });
  return `${letters.join('')}${ENDINGS}`;
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

interface WriterName {
  /** Every form of the full name (namePattern). */
  pattern: RegExp;
  /** What each of its words begins with in any form, folded (stemsOf): all are in a text that holds it. */
  stems: string[];
}

/**
 * The beginning each word of a name keeps in all its forms: its stem, less the last letter when
 * that may change (Dāvis → Dāvja), folded. Testing these first spares most texts the name's pattern.
 */
function stemsOf(name: string): string[] {
  return name
    .trim()
    .split(/[\s-]+/u)
    .filter(Boolean)
    .map((word) => {
      const stem = [...stemOf(word.toLowerCase())];
      return fold((ALTERNATING[stem.at(-1)!] ? stem.slice(0, -1) : stem).join(''));
    });
}

const holdsAll = (text: string, stems: readonly string[]) => {
  const folded = fold(text);
  return stems.every((stem) => folded.includes(stem));
};

/** How many writers' name patterns PublicWords keeps made (a page of twenty reports has up to twenty). */
const NAMES_KEPT = 2_000;
/** How many short texts PublicWords keeps masked: a hundred pages of twenty titles and places. */
const TEXTS_KEPT = 4_000;
/** Titles and places are this short; longer texts (descriptions, updates) are masked each time. */
const SHORT_TEXT = 200;

/**
 * scrubText for the public surfaces, with the settings of this installation: a text that cannot
 * hold a contact or a link skips the masks' passes (~8 µs each), and each writer's name pattern is
 * made once, not for every text (a page of twenty reports masks forty). A short text (a title, a
 * place) by a writer known by name alone is masked once and remembered: a list shows the same
 * twenty on every view, and even the pre-checks cost a list page a tenth of its time (~75 µs of
 * ~0.9 ms). What comes out depends only on the text, the writer and the settings, so a remembered
 * answer is never stale.
 */
export class PublicWords {
  /** MAYBE_PRIVATE, and our own host written bare (`tilts.example.org/…`), a link the masks read too. */
  private readonly maybePrivate: RegExp;
  private readonly names = new Map<string, WriterName | null>();
  /** Masked short texts by their writer's name ('' for none), then by the text. */
  private readonly texts = new Map<string, Map<string, string>>();
  private textsKept = 0;

  constructor(private readonly settings: ScrubSettings) {
    const host = escapeRegExp(new URL(settings.publicUrl).hostname);
    this.maybePrivate = new RegExp(`${MAYBE_PRIVATE}|${host}/`, 'iu');
  }

  /** `text` as the public may read it; `writer` (when known) has their own name masked too. */
  of(text: string, writer: Writer | null = null): string {
    // A writer known by name alone (the lists, the map, the feeds) or none: remembered per name.
    if (text.length > SHORT_TEXT || writer?.email || writer?.phone) return this.mask(text, writer);
    const name = writer?.name ?? '';
    let byText = this.texts.get(name);
    if (byText === undefined) {
      byText = new Map();
      this.texts.set(name, byText);
    }
    let masked = byText.get(text);
    if (masked === undefined) {
      masked = this.mask(text, writer);
      if (this.textsKept >= TEXTS_KEPT) {
        this.texts.clear();
        this.textsKept = 0;
        byText = new Map();
        this.texts.set(name, byText);
      }
      byText.set(text, masked);
      this.textsKept += 1;
    }
    return masked;
  }

  private mask(text: string, writer: Writer | null): string {
    const masked = this.maybePrivate.test(text)
      ? maskPrivateDetails(text, {
          publicUrl: this.settings.publicUrl,
          inboundDomain: this.settings.inboundDomain,
          reporter: { email: writer?.email ?? null, phone: writer?.phone ?? null },
        }).text
      : text;
    const name = writer?.name ? this.nameOf(writer.name) : null;
    return name && holdsAll(masked, name.stems) ? masked.replace(name.pattern, MASK) : masked;
  }

  private nameOf(name: string): WriterName | null {
    let found = this.names.get(name);
    if (found === undefined) {
      const pattern = namePattern(name);
      found = pattern ? { pattern, stems: stemsOf(name) } : null;
      if (this.names.size >= NAMES_KEPT) this.names.clear();
      this.names.set(name, found);
    }
    return found;
  }
}
