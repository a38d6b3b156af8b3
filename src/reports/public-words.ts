import { MASK, maskPrivateDetails } from '../mail/inbound/mask.js';
import { escapeRegExp } from '../mail/inbound/private-links.js';
import { nameForms, type NameForms } from './name-forms.js';

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
 * Whether a text could hold anything PublicWords masks: an `@`, "%40", "(at)" or the word alone
 * ("janis at example dot org"), seven digits close together (the shortest phone number the masks
 * read), a link, or a character the masks read as ASCII (full-width ＠ and ２, other digits). Most
 * titles and places hold none of them, and a page of twenty need not pay for the masks' passes over
 * each (~8 µs).
 */
const MAYBE_PRIVATE = String.raw`@|%40|[([]\s*at\s*[)\]]|\s(?:at|эт)\s|\d(?:\D{0,3}\d){6}|https?://|www\.|[\uff01-\uff5e\ufe6b]|(?![0-9])\p{Nd}`;

interface Reporter {
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
}

/**
 * Whose words a report's are: its reporter's, their name masked wherever they typed it. For what
 * a volunteer reads of a person's need before both agreed, whatever the person chose to show.
 */
export const writerOf = (report: Reporter): Writer => ({
  name: report.reporterName,
  email: report.reporterEmail,
  phone: report.reporterPhone,
});

/**
 * The name a report's public words mask: one the reporter kept back. A name they chose to show
 * stands beside their words on every public surface, so it is not masked inside them either.
 */
export const maskedName = (showName: boolean, name: string | null): string | null => (showName ? null : name);

/** Whose words a report's are as the public reads them: contacts masked, a name only when kept back. */
export const publicWriterOf = (report: Reporter & { showName: boolean }): Writer => ({
  ...writerOf(report),
  name: maskedName(report.showName, report.reporterName),
});

/** A report's columns that name its writer, and whether their name is shown. */
export const WRITER = ['reporter_name', 'reporter_email', 'reporter_phone', 'show_name'] as const;

export interface WriterRow {
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  show_name: boolean;
}

/** `publicWriterOf` for a row read with the `WRITER` columns. */
export const publicWriterOfRow = (row: WriterRow): Writer => ({
  name: maskedName(row.show_name, row.reporter_name),
  email: row.reporter_email,
  phone: row.reporter_phone,
});

/**
 * A writer known by name alone: the rows of lists, pins, feeds and digests carry the name their
 * reporter kept back (`maskedName`; never their contacts, which the masks find in any case), so
 * it is masked where they typed it.
 */
export const writerNamed = (name: string | null): Writer | null =>
  name ? { name, email: null, phone: null } : null;

/** How many writers' name patterns PublicWords keeps made (a page of twenty reports has up to twenty). */
const NAMES_KEPT = 2_000;
/** How many short texts PublicWords keeps masked: a hundred pages of twenty titles and places. */
const TEXTS_KEPT = 4_000;
/** Titles and places are this short; longer texts (descriptions, updates) are masked each time. */
const SHORT_TEXT = 200;

/**
 * A resident's words as the public reads them, wherever that is (the report's page, the lists,
 * the map, the feeds, alert emails, open data, Open311): every email address, phone number and
 * private link masked (the rules that clean a published reply), and the writer's own full name as
 * well, however it is declined, spaced or cased, and in either alphabet (name-forms.ts). Staff, and
 * the emails to the parish, read the words as typed.
 *
 * With the settings of this installation: a text that cannot hold a contact or a link skips the
 * masks' passes (~8 µs each), and each writer's name forms are made once, not for every text (a
 * page of twenty reports masks forty, an export every report). A short text (a title, a place) by a
 * writer known by name alone is masked once and remembered: a list shows the same twenty on every
 * view, and even the pre-checks cost a list page a tenth of its time (~75 µs of ~0.9 ms). What comes
 * out depends only on the text, the writer and the settings, so a remembered answer is never stale.
 */
export class PublicWords {
  /** MAYBE_PRIVATE, and our own host written bare (`tilts.example.org/…`), a link the masks read too. */
  private readonly maybePrivate: RegExp;
  private readonly names = new Map<string, NameForms | null>();
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

  /**
   * Staff's words on a private request as its asker reads them (their own page, their email): no
   * one else reads them, so a phone number or an address the social worker gave is kept; a link
   * that acts on the report (one of the parish's own, pasted by mistake) is still masked.
   */
  toAsker(text: string): string {
    return maskPrivateDetails(text, {
      publicUrl: this.settings.publicUrl,
      inboundDomain: this.settings.inboundDomain,
      contacts: false,
    }).text;
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
    return name?.mayHold(masked) ? masked.replace(name.pattern, MASK) : masked;
  }

  private nameOf(name: string): NameForms | null {
    let found = this.names.get(name);
    if (found === undefined) {
      found = nameForms(name) ?? null;
      if (this.names.size >= NAMES_KEPT) this.names.clear();
      this.names.set(name, found);
    }
    return found;
  }
}
