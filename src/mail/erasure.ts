import type { Queryable } from '../db/transaction.js';
import { escapeHtml } from '../web/compile-template.js';
import { storedAddress } from './address-key.js';
import { MASK } from './inbound/mask.js';
import { escapeRegExp } from './inbound/private-links.js';
import { OUTBOX } from './outbox-repository.js';

/** What stays where an erased person's words were and a title must be (a report's, an email's subject). */
export const ERASED_TITLE = '[erased]';
/** ERASED_TITLE in the reader's language, where a page or an email shows it. */
export const ERASED_TITLE_KEY = 'helpRequest.reportTitle.erased';
/** The address an erased person's emails keep in the outbox (the row, its time and kind stay). */
export const ERASED_ADDRESS = 'erased@invalid';

/** A stored title or subject as a reader sees it: ERASED_TITLE in their words, any other as it is. */
export function shownTitle(text: string, translate: (key: string) => string): string {
  return text === ERASED_TITLE ? translate(ERASED_TITLE_KEY) : text;
}

/** Whether a report is an erased request (its person erased: `reports.erased_at`). */
export const isErasedRequest = (report: { erasedAt: Date | null }): boolean => report.erasedAt !== null;

/**
 * An email's data with the title of an erased request it is about (`report.title`) said in the
 * reader's words: every email names its report so, whatever sends it.
 */
export function withErasedTitleSaid(data: object, translate: (key: string) => string): object {
  const report = (data as { report?: unknown }).report;
  if (!report || typeof report !== 'object') return data;
  const { title } = report as { title?: unknown };
  if (title !== ERASED_TITLE) return data;
  return { ...data, report: { ...report, title: translate(ERASED_TITLE_KEY) } };
}

/**
 * Erases a volunteer from the emails about their offer, in the erasing transaction. Those written
 * to them (to any of `addresses`, the proven one and one still to prove, or about no request at
 * all, as the offer's own are): what has not left never will, what left keeps its row without
 * words or address. Those that named them to someone else (the person they were to help) keep
 * their address and, when still waiting, go as written (the person was told of the volunteer
 * already); once gone, their words go too.
 */
export async function eraseOfferMail(
  db: Queryable,
  offerId: number,
  addresses: readonly string[],
  now: Date,
): Promise<void> {
  const lower = addresses.filter(Boolean).map(storedAddress);
  const toVolunteer = () =>
    db(OUTBOX)
      .where({ help_offer_id: offerId })
      .where((row) => {
        void row.whereNull('report_id');
        if (lower.length > 0)
          void row.orWhereRaw(`lower(to_email) in (${lower.map(() => '?').join(', ')})`, lower);
      });
  await toVolunteer().where({ status: 'pending' }).delete();
  await toVolunteer().update({ to_email: ERASED_ADDRESS, to_name: null, subject: ERASED_TITLE });
  await db(OUTBOX)
    .where({ help_offer_id: offerId })
    .whereNot({ status: 'pending' })
    .update({ text_body: '', html_body: '', bodies_purged_at: now });
}

/**
 * A reporter erased on request, out of the emails about their report still waiting to go to
 * others: the parish's email names them, with their address and phone. The email still goes (the
 * parish must hear of the report), with `MASK` where they were, in its text and in its HTML (where
 * they are escaped, and the phone's `tel:` link holds its digits only).
 */
export async function maskReporterInPendingMail(
  db: Queryable,
  reportId: number,
  reporter: { name: string | null; email: string | null; phone: string | null },
): Promise<void> {
  const said = [reporter.name, reporter.email, reporter.phone].filter(
    (value): value is string => typeof value === 'string' && value.trim().length >= 2,
  );
  if (said.length === 0) return;
  const inHtml = [
    ...said.map(escapeHtml),
    ...(reporter.phone ? [reporter.phone.replace(/[^+\d]/g, '')] : []),
  ];
  const rows = (await db(OUTBOX)
    .where({ report_id: reportId, status: 'pending' })
    .select('id', 'subject', 'text_body', 'html_body')) as {
    id: number;
    subject: string;
    text_body: string;
    html_body: string;
  }[];
  for (const row of rows) {
    const masked = {
      subject: maskWhole(row.subject, said),
      text_body: maskWhole(row.text_body, said),
      html_body: maskWhole(row.html_body, inHtml),
    };
    if (
      masked.subject !== row.subject ||
      masked.text_body !== row.text_body ||
      masked.html_body !== row.html_body
    )
      await db(OUTBOX).where({ id: row.id }).update(masked);
  }
}

/*
 * Where a value stands whole. An address (a value with "@") only as a whole address: no letter,
 * digit or character an address has before it (so erasing anna@… leaves "d.anna@…", "di_anna@…"
 * and "dianna@…" alone), and no further address part after it ("anna@example.org.lv" is another);
 * a sentence's full stop after it is no part of it. Any other value (a name, a phone) as whole
 * words, so a short name ("Jo") leaves the words it begins ("joprojām") alone, and not in the
 * part before the "@" of someone else's address (the name "Anna" in "d.anna.berzina@…") nor in
 * the domain after it ("info@anna.lv").
 */
const ADDRESS_BEFORE = '(?<![\\p{L}\\p{N}._%+_\\-])';
const ADDRESS_AFTER = '(?![\\p{L}\\p{N}_\\-]|\\.[\\p{L}\\p{N}])';
const WORD_BEFORE = '(?<![\\p{L}\\p{N}])(?<!@[\\p{L}\\p{N}._\\-]*)';
const WORD_AFTER = '(?![\\p{L}\\p{N}]|[\\p{L}\\p{N}._%+\\-]*@)';

/**
 * Each of `values` (of 2 characters or more) where it stands whole in `text`, whatever its
 * capitals, put as MASK: an erased person's address in the notes and errors their emails left, and
 * their name, address and phone in the emails still waiting to go to others. Longest first, so a
 * name inside the address ("anna" in "anna@example.org") does not split it.
 */
export function maskWhole(text: string, values: readonly string[]): string {
  const kept = values.filter((value) => value.length >= 2).sort((a, b) => b.length - a.length);
  if (kept.length === 0) return text;
  const whole = (value: string) =>
    value.includes('@')
      ? `${ADDRESS_BEFORE}${escapeRegExp(value)}${ADDRESS_AFTER}`
      : `${WORD_BEFORE}${escapeRegExp(value)}${WORD_AFTER}`;
  return text.replace(new RegExp(kept.map(whole).join('|'), 'giu'), MASK);
}
