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

/** The templates that go to an address still to be proven and repeat a report's words. */
const TO_UNPROVEN_ADDRESS: ReadonlySet<string> = new Set(['report-confirm', 'subscription-confirm']);

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

/**
 * An email's data as its template reads it: for a template to an unproven address, its report's
 * title, description and place without links or contacts, and `wordsHidden` when any was (the
 * email says why); any other email's data as it is.
 */
export function withUnprovenWordsHidden(
  template: string,
  data: object,
  translate: (key: string) => string,
): object {
  if (!TO_UNPROVEN_ADDRESS.has(template)) return data;
  const report = (data as { report?: unknown }).report;
  if (!report || typeof report !== 'object') return data;
  const placeholder = translate(HIDDEN_KEY);
  const shown: Record<string, unknown> = { ...report };
  let wordsHidden = false;
  for (const key of WORDS) {
    const value = shown[key];
    if (typeof value !== 'string') continue;
    const result = hideLinksAndContacts(value, placeholder);
    shown[key] = result.text;
    wordsHidden ||= result.hidden;
  }
  return { ...data, report: shown, wordsHidden };
}
