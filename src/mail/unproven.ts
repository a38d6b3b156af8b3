import { MASK, maskLinks, maskPrivateDetails } from './inbound/mask.js';
import { escapeRegExp } from './inbound/private-links.js';

/*
 * Emails to an address nobody has proven yet: anyone may type anyone's address into the report
 * form, the follow form or Open311, and the confirmation goes at once, under the municipality's
 * name. The words they repeat were typed by whoever filled the form (the reporter's own, or a
 * public report's, which keeps outside links), so a stranger could send "your account is locked,
 * log in at https://…" or "call 29 12 34 56" to anyone. In these emails a link (with or without
 * https://, a bare domain too), an email address and a phone number in those words is a
 * translated placeholder; the rest is kept, so the resident still sees what they confirm. Once
 * the address is proven, later emails repeat the words as the report keeps them.
 */

/**
 * The emails that go to an address nobody has proven yet, and the words of whoever filled the form
 * each repeats: a report's (`report`), or a name that greets or is named (`names`; such a name
 * holding a link or a contact is left out, and the email greets without it). Every one of them,
 * words or not, names its recipient in its To header as typed: see `recipientName`.
 * - report-confirm (the report form, Open311): the report's title, description and place;
 * - subscription-confirm (following a report): the report's, which a public report keeps with links;
 * - help-offer-confirm, help-offer-email (an offer, a new address on its private page): the
 *   offer's name, which may have been stored before names were checked;
 * - help-request-subject (to the person someone asked help for): the asker's name;
 * - help-request-received, alert-confirm: no typed words, only the To header's name.
 */
type Words = { report?: true; names?: readonly string[] };

const TO_UNPROVEN_ADDRESS: ReadonlyMap<string, Words> = new Map([
  ['report-confirm', { report: true }],
  ['subscription-confirm', { report: true }],
  ['help-offer-confirm', { names: ['name'] }],
  ['help-offer-email', { names: ['name'] }],
  ['help-request-subject', { names: ['askedBy'] }],
  ['help-request-received', {}],
  ['alert-confirm', {}],
]);

/**
 * The emails that go to a proven address as a rule, but to one nobody proved when their data says
 * so (`toUnprovenAddress: true`), and the words each then repeats:
 * - report-published: a trusted Open311 partner's report is confirmed at once, and its reporter's
 *   address, typed into the partner's app, is told so without ever being asked.
 */
const SOMETIMES_TO_UNPROVEN_ADDRESS: ReadonlyMap<string, Words> = new Map([
  ['report-published', { report: true }],
]);

/** The key of an email's data that says its address is still to be proven. */
export const TO_UNPROVEN_KEY = 'toUnprovenAddress';

/** The words `template` hides, with `data`, when it goes to an unproven address; none otherwise. */
function unprovenWords(template: string, data: object | undefined): Words | undefined {
  const always = TO_UNPROVEN_ADDRESS.get(template);
  if (always) return always;
  const flagged = data !== undefined && (data as Record<string, unknown>)[TO_UNPROVEN_KEY] === true;
  return flagged ? SOMETIMES_TO_UNPROVEN_ADDRESS.get(template) : undefined;
}

/** What stands in those emails where a link or a contact was. */
export const HIDDEN_KEY = 'mail.unproven.hidden';

/** The report's words those emails repeat (`ReportEmailView`). */
const WORDS = ['title', 'description', 'location'] as const;

const RUN_OF_MASKS = new RegExp(`(?:${escapeRegExp(MASK)})+`, 'g');

// No site of ours and no reply domain: every link and every address is hidden alike.
const NO_SITE = { publicUrl: 'http://localhost', inboundDomain: 'invalid' };

/**
 * `text` with every link, email address and phone number as `placeholder`, and whether any was.
 * A `[…]` already in it (a public report's masked contact, or typed) stays as it is.
 */
export function hideLinksAndContacts(text: string, placeholder: string): { text: string; hidden: boolean } {
  let hidden = false;
  const parts = text.split(MASK).map((part) => {
    // Contacts first, so "janis @ example.org" is hidden whole rather than its domain as a link.
    const masked = maskLinks(maskPrivateDetails(part, NO_SITE).text);
    if (!masked.includes(MASK)) return part;
    hidden = true;
    // A link that held an address or a number ("https://…/?to=a@b.lv") is one placeholder.
    return masked.replace(RUN_OF_MASKS, MASK).split(MASK).join(placeholder);
  });
  return { text: parts.join(MASK), hidden };
}

/** Whether `text` holds a link, an email address or a phone number. */
const holdsLinkOrContact = (text: string): boolean => hideLinksAndContacts(text, '').hidden;

/**
 * The name an email's To header gives its recipient: as typed, unless the email goes to an address
 * still to be proven (by its template, or its `data` saying so) and the name holds a link or a
 * contact ("Konts bloķēts, evil.click" typed as a reporter's name, which the form checks only when
 * it is shown): then none.
 */
export function recipientName(template: string, name: string | null, data?: object): string | null {
  return name !== null && unprovenWords(template, data) !== undefined && holdsLinkOrContact(name)
    ? null
    : name;
}

/**
 * An email's data as its template reads it: for a template to an unproven address, its report's
 * title, description and place without links or contacts, and `wordsHidden` when any was (the
 * email says why), and without a name that holds one; any other email's data as it is.
 */
export function withUnprovenWordsHidden(
  template: string,
  data: object,
  translate: (key: string) => string,
): object {
  const words = unprovenWords(template, data);
  if (words === undefined) return data;
  const shown: Record<string, unknown> = { ...data };
  for (const key of words.names ?? []) {
    const name = shown[key];
    if (typeof name === 'string' && holdsLinkOrContact(name)) shown[key] = null;
  }
  const report = shown.report;
  if (!words.report || !report || typeof report !== 'object') return shown;
  const placeholder = translate(HIDDEN_KEY);
  const reportShown: Record<string, unknown> = { ...report };
  let wordsHidden = false;
  for (const key of WORDS) {
    const value = reportShown[key];
    if (typeof value !== 'string') continue;
    const result = hideLinksAndContacts(value, placeholder);
    reportShown[key] = result.text;
    wordsHidden ||= result.hidden;
  }
  return { ...shown, report: reportShown, wordsHidden };
}
