import type { Queryable } from '../db/transaction.js';
import { escapeHtml } from '../web/compile-template.js';
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
  const lower = addresses.filter(Boolean).map((address) => address.toLowerCase());
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
      subject: maskAll(row.subject, said),
      text_body: maskAll(row.text_body, said),
      html_body: maskAll(row.html_body, inHtml),
    };
    if (
      masked.subject !== row.subject ||
      masked.text_body !== row.text_body ||
      masked.html_body !== row.html_body
    )
      await db(OUTBOX).where({ id: row.id }).update(masked);
  }
}

// Longest first, so a name inside the address ("anna" in "anna@example.org") does not split it;
// whole words only, so a short name ("Jo") leaves the words it begins ("joprojām") alone.
function maskAll(text: string, values: readonly string[]): string {
  const kept = values.filter((value) => value.length >= 2).sort((a, b) => b.length - a.length);
  if (kept.length === 0) return text;
  const any = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${kept.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return text.replace(any, MASK);
}

/**
 * `address` (lower case) as a whole address in `text`, whatever its capitals, put as MASK: in the
 * notes and errors that a delivery to an erased address left.
 */
export function maskAddress(text: string, address: string): string {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}._%+-])${escapeRegExp(address)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`,
    'giu',
  );
  return text.replace(pattern, MASK);
}
