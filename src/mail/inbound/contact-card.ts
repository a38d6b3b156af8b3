import { isGivenName, isWordToo } from './given-names.js';
import { holdsPost, isPostThenName } from './posts.js';

/*
 * A signature without a sign-off: a name, perhaps a title, then a phone or an address at the very
 * end of the reply. Only a card that cannot be mistaken for the answer is cut ("Darbi sāksies 12.
 * decembrī, brigāde 3 cilvēki." is an answer with numbers, not a card); phone numbers and
 * addresses a card leaves behind are still masked before anything is published.
 */

// "tālr. 64600000", "e-pasts: anna@example.org", "тел.: …", "Mob +371 …"; a label must be followed
// by something that is a number or an address, so "Tel Aviv" or "Tālrunis nedarbojas" is no card.
const CONTACT_LABEL =
  /^(?:t[aā]lr(?:unis)?|tel(?:efons|ephone)?|mob(?:ilais|ile)?|phone|fakss|fax|e-?pasts|e-?mail|тел(?:ефон)?|моб(?:ильный)?|факс|эл\.?\s*почта|e-?почта)(?![\p{L}])\.?\s*:?\s*(?:\+|\(|\d|[^\s@]+@)/iu;
const BARE_PHONE = /^\+?[\d ()-]{7,24}$/;
const BARE_ADDRESS = /^(?:mailto:)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/i;
const WEB_ADDRESS = /^(?:https?:\/\/|www\.)\S+$/i;
const POSTAL_ADDRESS = /\bLV-?\d{4}\b/;
// A person's name: one to four capitalised words, initials allowed ("J. Bērziņš").
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u;
// A name typed all in lower case, as on a phone ("anna bērziņa"): letters only, no punctuation.
const LOWER_CASE_NAME = /^\p{Ll}[\p{Ll}'’-]+(?:\s+\p{Ll}[\p{Ll}'’-]+){0,3}$/u;
// A title or organisation under the name: short, no digits, no sentence punctuation at the end.
const TITLE = /^[\p{L}][\p{L}'’"„“”«». ,&()-]{0,59}$/u;
const SENTENCE_END = /[.!?…:;,]$/;
const FINISHED_SENTENCE = /[.!?…]$/;
// Name, position, office and municipality: a council's signature often has three lines of titles.
const MAX_TITLE_LINES = 3;
const MAX_CARD_LINES = 8;

/**
 * Where a trailing contact card begins, or undefined when the reply does not end with one. The
 * card is: a name line (capitalised, or all in lower case), at most three title lines, a contact line, then only contact, web, postal
 * or title lines; and the line above the name is blank or ends a sentence, so a name that may
 * continue the sentence above it ("…sazinieties ar\nAnnu Bērziņu\ntel. …") is left alone.
 */
export function contactCardStart(lines: readonly string[]): number | undefined {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
  let contact: number | undefined;
  for (let i = end - 1; i >= Math.max(0, end - MAX_CARD_LINES); i -= 1) {
    const line = lines[i]!.trim();
    if (isNameWithContact(line) && startsOnItsOwn(lines, i)) return i;
    if (isContactLine(line)) contact = i;
    else if (!isCardDetailLine(line)) break;
  }
  if (contact === undefined) return undefined;
  for (let start = contact - 1; start >= Math.max(0, contact - 1 - MAX_TITLE_LINES); start -= 1) {
    const line = lines[start]!.trim();
    if (line === '' || SENTENCE_END.test(line)) return undefined;
    if (PERSON_NAME.test(line) && startsOnItsOwn(lines, start)) return start;
    // A lower-case line standing on its own right above the contacts is their name too; if it was
    // words of the answer instead ("sazinieties ar mums"), they said only what the masked number
    // said, so little is lost. Never the whole reply, though.
    if (LOWER_CASE_NAME.test(line) && start > 0 && startsOnItsOwn(lines, start)) return start;
    if (!TITLE.test(line)) return undefined;
  }
  return undefined;
}

// "Anna Bērziņa, tālr. 64600000", "Anna (tel. 64600000)", "Anna Bērziņa – anna@example.org".
const NAME_THEN_REST = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*(?:[,–—-]|\()\s*(.+?)\)?$/u;

// The fields of a card written on one line, as HTML signatures flatten to text: "Anna Bērziņa |
// Vadītāja | T: 64600000", "Anna Bērziņa · Kaunatas pagasta pārvalde · anna@example.org".
const FIELD_SEPARATOR = /\s+[|·•]\s+|\s*\|\s*/u;

/** A name and a contact on one line: a card of one line, or what follows a sign-off on its line. */
export function isNameWithContact(line: string): boolean {
  const found = NAME_THEN_REST.exec(line.trim());
  return (found !== null && isContactLine(found[2]!.trim())) || isSeparatedCard(line.trim());
}

/** A name, then titles and at least one contact, each between bars or middle dots. */
function isSeparatedCard(line: string): boolean {
  const fields = line.split(FIELD_SEPARATOR).map((field) => field.trim());
  if (fields.length < 2 || !PERSON_NAME.test(fields[0]!)) return false;
  const rest = fields.slice(1);
  return (
    rest.some(isContactLine) &&
    rest.every((field) => isContactLine(field) || isCardDetailLine(field) || field === '')
  );
}

/*
 * A name alone under the answer, perhaps with title lines under it ("Anna Bērziņa", then
 * "Kaunatas pagasta pārvaldes vadītāja") or a post before it ("pārvaldes vadītāja A. Bērziņa"), or
 * "-- Anna" with the delimiter on its line: two to four capitalised words (an initial may stand
 * for one, the surname's too, "Anna B.", but "P.S." begins a line of the answer), or one after a
 * dash. The answer above it is finished, not a lead-in ending in a colon or a comma that
 * the name would complete.
 */
const SIGNED_NAME =
  /^(?!(?:P\.\s*S|N\.\s*B)\.)(?:(?:\p{Lu}\.\s*|\p{Lu}\p{Ll}[\p{L}'’-]*\s+)(?:\p{Lu}\.\s*|\p{Lu}\p{Ll}[\p{L}'’-]*\s+){0,2}\p{Lu}\p{Ll}[\p{L}'’-]*|\p{Lu}\p{Ll}[\p{L}'’-]*\s+\p{Lu}\.|(?:--|[–—])\s*\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})$/u;
// Capitalised out of politeness, never a name: "Paldies Jums", "Ждём Вас", "Thank You".
const POLITE_PRONOUNS = new Set([
  'jūs',
  'jums',
  'jūsu',
  'вы',
  'вам',
  'вас',
  'ваш',
  'ваша',
  'ваше',
  'вами',
  'you',
  'your',
]);
const CAPITALISED_TITLE = /^\p{Lu}/u;
const LEAD_IN = /[:,;–—-]$/;

/** Where a trailing name (and its title lines) begins, or undefined: a signature without a card. */
export function signedNameStart(lines: readonly string[]): number | undefined {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
  for (let start = end - 1; start >= Math.max(0, end - 1 - MAX_TITLE_LINES); start -= 1) {
    const line = lines[start]!.trim();
    if (
      SIGNED_NAME.test(line) ||
      // A given name alone ("Anna"): only a common one, as a lone word may be a village's or a street's.
      isGivenName(line) ||
      isPostThenName(line, (words) => SIGNED_NAME.test(words)) ||
      (start === end - 1 && isNameWithTitle(line))
    )
      return answerAbove(lines, start) && !polite(line) ? start : undefined;
    if (!CAPITALISED_TITLE.test(line) || !TITLE.test(line) || SENTENCE_END.test(line)) return undefined;
  }
  return undefined;
}

// "Anna Bērziņa, Kaunatas pagasta pārvaldes vadītāja" or "… – pārvaldes vadītāja" as the last line.
const NAME_THEN_TITLE = /^(.+?)\s*(?:,|\s[–—-])\s*(\p{L}[\p{L}'’"„“”«». &()-]{2,59})$/u;

function isNameWithTitle(line: string): boolean {
  const found = NAME_THEN_TITLE.exec(line);
  if (found === null || found[2]!.endsWith('.')) return false;
  if (SIGNED_NAME.test(found[1]!)) return true;
  // "Надежда – наша главная сила" is a sentence: a name that is a word too signs only with a post.
  return isGivenName(found[1]!) && (!isWordToo(found[1]!) || holdsPost(found[2]!));
}

function polite(line: string): boolean {
  return line
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((word) => POLITE_PRONOUNS.has(word));
}

/** The name follows a finished answer: something is above it, and its last line is no lead-in. */
export function answerAbove(lines: readonly string[], start: number): boolean {
  if (!startsOnItsOwn(lines, start) || start === 0) return false;
  const above = lines
    .slice(0, start)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return above.length > 0 && !LEAD_IN.test(above.at(-1)!);
}

// "T: +371 64600000", "M: 29123456", "E: anna@example.org": a letter for a label, with its colon.
const LETTER_LABEL = /^[tmpef]\s*:\s*(?:\+|\(|\d|[^\s@]+@)/iu;

function isContactLine(line: string): boolean {
  if (CONTACT_LABEL.test(line) || LETTER_LABEL.test(line) || BARE_ADDRESS.test(line)) return true;
  // An office's postal address under a name and title is a card too ("Skolas iela 1, LV-4622").
  if (POSTAL_ADDRESS.test(line) && line.length <= 60) return true;
  return BARE_PHONE.test(line) && (line.match(/\d/g)?.length ?? 0) >= 7;
}

// Lines that may follow the first contact line inside a card.
function isCardDetailLine(line: string): boolean {
  if (WEB_ADDRESS.test(line)) return true;
  if (POSTAL_ADDRESS.test(line) && line.length <= 60) return true;
  return TITLE.test(line) && !SENTENCE_END.test(line);
}

function startsOnItsOwn(lines: readonly string[], start: number): boolean {
  if (start === 0) return true;
  const above = lines[start - 1]!.trim();
  return above === '' || FINISHED_SENTENCE.test(above);
}
