import { MASK, maskPrivateDetails } from '../mail/inbound/mask.js';

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A resident's words as open data publishes them: every email address, phone number and private
 * link masked (the rules that clean a published reply), and the reporter's own name as well,
 * however it is spaced or cased. A file of every report is harvested and kept in bulk, so it is
 * stricter than the report's page.
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
