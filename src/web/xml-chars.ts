/*
 * XML 1.0 (§2.2) admits tab, newline, carriage return and the code points from U+0020 up, but for
 * the surrogates and U+FFFE and U+FFFF. One of those in a resident's title or in a reply's words
 * makes a whole feed or Open311 answer unreadable to every client, not only the entry holding it.
 */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** A document or text with every character XML 1.0 does not admit taken out. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}
