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
 * private link masked (the rules that clean a published reply), and the writer's own name as well,
 * however it is spaced or cased. Staff, and the emails to the parish, read the words as typed.
 */
export function scrubText(text: string, writer: Writer, settings: ScrubSettings): string {
  let out = maskPrivateDetails(text, {
    publicUrl: settings.publicUrl,
    inboundDomain: settings.inboundDomain,
    reporter: { email: writer.email, phone: writer.phone },
  }).text;
  const words = (writer.name ?? '').trim().split(/\s+/u).filter(Boolean);
  // A single word ("Anna") would mask that word wherever it means something else; a full name does not.
  if (words.length >= 2) {
    const name = new RegExp(
      `(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`,
      'giu',
    );
    out = out.replace(name, MASK);
  }
  return out;
}

/**
 * Whether a text could hold anything scrubText masks: an `@` or an "(at)", seven digits close
 * together (the shortest phone number the masks read), or a link. Most titles and places hold
 * none of them, and a page of twenty need not pay for the masks' passes over each (~8 µs).
 */
const MAYBE_PRIVATE = String.raw`@|[([]\s*at\s*[)\]]|\d(?:\D{0,3}\d){6}|https?://|www\.`;

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

  private holdsName(text: string, writer: Writer | null): boolean {
    const first = writer?.name?.trim().split(/\s+/u)[0];
    return first !== undefined && first !== '' && text.toLowerCase().includes(first.toLowerCase());
  }
}

const NOBODY: Writer = { name: null, email: null, phone: null };
