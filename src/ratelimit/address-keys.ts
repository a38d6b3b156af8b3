import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { phoneKey } from '../help/requests/contacts.js';
import { sha256 } from '../security/sealing.js';
import { mailboxOf } from './client.js';

/*
 * Every rate-limit counter whose key holds an email address (or a phone number), named here once:
 * the forms and the inbound door count on these keys, and every erasure of a person
 * (`forgetAddressCounters`, `forgetPhoneCounters`) deletes the same rows. An address is always
 * counted as its mailbox (`mailboxOf`: `Anna+1@…` is `anna@…`), so one erasure finds every
 * subaddress. A new counter keyed by an address belongs here, or erasure leaves it behind.
 */

/** The counter of asks to follow a report sent to `email`'s mailbox this hour. */
export const followEmailKey = (email: string): string => `subscribe:email:${mailboxOf(email)}`;

/** The counter of asks for alerts sent to `email`'s mailbox this hour. */
export const alertEmailKey = (email: string): string => `alert:email:${mailboxOf(email)}`;

/** The counter of reports sent from `email`'s mailbox this hour (the report form). */
export const reportFormEmailKey = (email: string): string => `report-form:email:${mailboxOf(email)}`;

/** The counter of emails an offer of help's forms sent to `email`'s mailbox this hour. */
export const helpOfferEmailKey = (email: string): string => `help-offer:email:${mailboxOf(email)}`;

/** The counter of requests for help naming `email`'s mailbox today (the asker's or the person's). */
export const helpRequestEmailKey = (email: string): string => `help-request:email:${mailboxOf(email)}`;

/** The counter of requests for help naming `phone` today, as help/requests/contacts.ts compares it. */
export const helpRequestPhoneKey = (phone: string): string => `help-request:${phoneKey(phone)}`;

/** The counter of reports an Open311 client sent from `email`'s mailbox this hour. */
export const open311EmailKey = (email: string): string => `open311:email:${mailboxOf(email)}`;

const STAFF_LINK_EMAIL = 'staff-link:email:';

/** The counter of sign-in links asked for `email`'s mailbox this hour, from every network. */
export const staffLinkEmailKey = (email: string): string => `${STAFF_LINK_EMAIL}${mailboxOf(email)}`;

const STAFF_LINK_EMAIL_IP = 'staff-link:email-ip:';

/**
 * The counter of sign-in links asked for `email`'s mailbox from `client` this hour: the mailbox
 * hashed, as a client and an address together may be longer than a key.
 */
export const staffLinkEmailIpKey = (client: string, email: string): string =>
  `${STAFF_LINK_EMAIL_IP}${client}:${sha256(mailboxOf(email))}`;

/**
 * The window in which `email`'s mailbox was answered once about a reply of theirs to report
 * `reportId` that Tilts did not publish (`notice`: inbound/sender-answers.ts).
 */
export const replyNoticeKey = (notice: string, reportId: number, email: string): string =>
  `reply-notice:${notice}:${reportId}:${mailboxOf(email)}`;

// What comes before the mailbox in a reply notice's key: nothing of it is typed by anyone.
const REPLY_NOTICE_HEAD = '^reply-notice:[a-z-]+:[0-9]+$';

/** The keys counted exactly by an address (as its mailbox). */
const BY_ADDRESS = [
  followEmailKey,
  alertEmailKey,
  reportFormEmailKey,
  helpOfferEmailKey,
  helpRequestEmailKey,
  open311EmailKey,
  staffLinkEmailKey,
];

/** Where `key` ends with `tail` (compared as text, never as a LIKE pattern) after a `head` of fixed form. */
const endsWith = (tail: string, head: string): [string, (string | number)[]] => {
  const length = [...tail].length;
  return ['(right(key, ?) = ? and left(key, length(key) - ?) ~ ?)', [length, tail, length, head]];
};

/**
 * Every counter whose key holds `address`, as its mailbox (every subaddress of it) or as written
 * (a counter counted before keys were by mailbox): deleted with the person, whichever form or
 * door counted it. A reply notice's and a sign-in link's per-network counter are found by the end
 * of their key, matched exactly: an address with `%` or `_` in it matches nothing else, nor does
 * "dianna@…" for "anna@…". Staff sign-in counters go too: anyone may type a resident's address
 * into the sign-in form. Answers how many counters went.
 */
export async function forgetAddressCounters(db: Queryable, address: string): Promise<number> {
  const forms = [...new Set([mailboxOf(address), address.toLowerCase()])];
  // The sign-in counters were kept under the address as typed (lower-cased) before they were by mailbox.
  const exact = [
    ...new Set(
      forms.flatMap((form) => [...BY_ADDRESS.map((key) => key(form)), `${STAFF_LINK_EMAIL}${form}`]),
    ),
  ];
  const deleted = await db('rate_limits')
    .where((keys) => {
      void keys.whereIn('key', exact);
      for (const form of forms) {
        void keys.orWhereRaw(...endsWith(`:${form}`, REPLY_NOTICE_HEAD));
        void keys.orWhereRaw(...endsWith(`:${sha256(form)}`, `^${STAFF_LINK_EMAIL_IP}.+$`));
      }
    })
    .delete();
  return affectedRows(deleted);
}

/** Every counter whose key holds `phone` (as requests for help compare it): deleted with the person. */
export async function forgetPhoneCounters(db: Queryable, phone: string): Promise<number> {
  return affectedRows(
    await db('rate_limits')
      .where({ key: helpRequestPhoneKey(phone) })
      .delete(),
  );
}
