import { phoneKey } from '../help/requests/contacts.js';
import { sha256 } from '../security/sealing.js';
import { mailboxOf } from './client.js';

/*
 * Every rate-limit counter whose key holds an email address (or a phone number), named here once,
 * so an erasure can find what the forms and the inbound door count. An address is always counted
 * as its mailbox (`mailboxOf`: `Anna+1@…` is `anna@…`). A new counter keyed by an address
 * belongs here.
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

/** The counter of sign-in links asked for `email`'s mailbox this hour, from every network. */
export const staffLinkEmailKey = (email: string): string => `staff-link:email:${mailboxOf(email)}`;

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
