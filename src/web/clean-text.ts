/*
 * What a person typed, made safe to store and to send on: PostgreSQL refuses NUL outright, a
 * control character or a line separator in a name would break the email header it ends up in,
 * and bidi overrides make text read differently from what it says. One rule for every form field,
 * query parameter and header Tilts keeps.
 */

// C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, BOM,
// and U+FFFE and U+FFFF, which no one types and XML cannot hold (a feed with one is unreadable).
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/**
 * Something a reader can see: not a space of any kind, not a format character (zero-width space
 * and joiners, word joiner, soft hyphen) and not one of the blank letters used to look like a
 * name (Hangul fillers, the blank Braille pattern).
 */
const VISIBLE = /[^\s\p{Z}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/u;

/**
 * Text of several lines: line endings unified, separators made newlines, control characters gone.
 * Text with nothing visible in it is empty, so a required field of zero-width spaces is refused
 * as an empty one, and never published as a blank title, name or answer.
 */
export function cleanText(value: string): string {
  const clean = value.replace(/\r\n?/g, '\n').replace(LINE_SEPARATORS, '\n').replace(UNSAFE, '');
  return VISIBLE.test(clean) ? clean : '';
}

/**
 * An email address as typed: control characters gone, as from every field, but a line break or
 * line separator kept, so an address with one is refused rather than quietly repaired.
 */
export function cleanAddress(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
}

/** One line (a name, a title, a search): every kind of line break and whitespace run becomes a space. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}
