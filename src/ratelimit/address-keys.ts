import { mailboxOf } from './client.js';

/*
 * The counters that hold an email address in their key, for asking to follow a report and asking
 * for alerts: named here once, so the erasure of a follower's or alert subscriber's address
 * (retention/repository.ts) deletes the same rows the forms count on.
 */

/** The counter of asks to follow a report sent to `email`'s mailbox this hour. */
export const followEmailKey = (email: string): string => `subscribe:email:${mailboxOf(email)}`;

/** The counter of asks for alerts sent to `email`'s mailbox this hour. */
export const alertEmailKey = (email: string): string => `alert:email:${mailboxOf(email)}`;
