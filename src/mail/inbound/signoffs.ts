import { isNameWithContact } from './contact-card.js';
import { escapeRegExp } from './private-links.js';

/*
 * The closing lines of a reply: a sign-off ("Ar cieņu, Anna"), a phone's "Sent from" footer. What
 * follows them is a name, a title and contact details, which a public update must not carry, so
 * the reply ends where they begin.
 */

// Sign-offs people actually write, in Latvian, Latgalian, Russian and English. They are compared
// without diacritics, so "Ar cienu" typed on a phone without Latvian letters matches too.
const SIGN_OFF_PHRASES: readonly string[] = [
  // Latvian
  'Ar cieņu',
  'Ar cieņu un labiem vēlējumiem',
  'Ar cieņu un pateicību',
  'Ar patiesu cieņu',
  'Ar labiem vēlējumiem',
  'Ar labākajiem vēlējumiem',
  'Ar vislabākajiem vēlējumiem',
  'Ar sveicieniem',
  'Ar sveicienu',
  'Ar sveicīni',
  'Ar labām vēlmēm',
  'Ar labām vēlēšanām',
  'Ar pateicību',
  'Cieņā',
  'Sveicieni',
  'Visu labu',
  'Lai jauka diena',
  'Jauku dienu',
  'Paldies un ar cieņu',
  // Latgalian
  'Ar cīņu',
  'Vysu lobu',
  'Ar lobim vēlējumim',
  'Ar sveicīnim',
  'Ar sveicynim',
  'Ar sveicīnu',
  // Russian
  'С уважением',
  'С уважением и наилучшими пожеланиями',
  'С уважением и благодарностью',
  'С благодарностью',
  'С наилучшими пожеланиями',
  'С наилучшими',
  'Всего доброго',
  'Всего хорошего',
  'Всего наилучшего',
  'Хорошего дня',
  // English
  'Best regards',
  'Kind regards',
  'Kindest regards',
  'Warm regards',
  'With best regards',
  'With kind regards',
  'Regards',
  'Best wishes',
  'All the best',
  'Best',
  'Sincerely',
  'Yours sincerely',
  'Yours faithfully',
  'Thanks and regards',
  'Thanks & regards',
  'Cheers',
  'Have a nice day',
  'Have a good day',
];

// A sign-off with a title before the name or a contact after it ("Ar cieņu, pārvaldes vadītāja Anna
// Bērziņa", "Ar cieņu – Anna (tālr. 64600000)"): only after a comma or a dash, so "Ar cieņu pret
// iedzīvotājiem darbus veiksim naktī" stays a sentence.
const TITLED_REST = /^\s*[,–—-]{1,3}\s*((?:\p{Ll}[\p{L}'’-]*\s+){0,3})(.+)$/u;
const NAME_ALONE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}[,!.]?$/u;

// Longest first, so "Ar cieņu un labiem vēlējumiem" is matched whole rather than as "Ar cieņu".
const SIGN_OFF = new RegExp(
  `^(?:${[...SIGN_OFF_PHRASES]
    .map((phrase) => escapeRegExp(foldDiacritics(phrase)).replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'iu',
);
// After the phrase: punctuation or a dash, and optionally a name of up to four capitalised words on the same
// line ("Ar cieņu, Anna Bērziņa"). A lower-case word means a sentence goes on ("Best of all, …").
const SIGN_OFF_REST = /^\s*[,!.…–—-]{0,3}(?:\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})?\s*[,!.]?$/u;
// A sign-off line is short; longer lines are sentences that merely begin with one of the phrases.
const MAX_SIGN_OFF_LINE = 80;

// Thanks and wishes that close a reply when a name follows on the next line ("Paldies,\nAnna
// Bērziņa", "Labu dienu!\nAnna, tālr. 64600000"). Alone they often begin one ("Paldies, Anna!
// Lampa nomainīta."), so they end it only with a name below.
const THANKS = new RegExp(
  `^(?:${[
    'Paldies',
    'Liels paldies',
    'Paldies jau iepriekš',
    'Labu dienu',
    'Спасибо',
    'Большое спасибо',
    'Заранее спасибо',
    'Thanks',
    'Thank you',
    'Many thanks',
    'Thanks in advance',
  ]
    .map((phrase) => escapeRegExp(foldDiacritics(phrase)).replace(/ /g, '\\s+'))
    .join('|')})\\s*[,!.…–—-]{0,3}$`,
  'iu',
);
// A name alone on a line: one to four capitalised words or initials ("J. Bērziņš"), no sentence's
// full stop ("Darīts.").
const NAME_WORD = String.raw`(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*)`;
const NAME_LINE = new RegExp(String.raw`^${NAME_WORD}(?:\s+${NAME_WORD}){0,3}$`, 'u');

/** "Paldies," on a line of its own with a name on the next one: where a signature begins. */
export function isThanksClosing(line: string, next: string | undefined): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_SIGN_OFF_LINE || next === undefined) return false;
  const name = next.trim();
  return (
    name.length <= MAX_SIGN_OFF_LINE &&
    THANKS.test(foldDiacritics(trimmed)) &&
    (NAME_LINE.test(name) || isNameWithContact(name))
  );
}

// Written with their diacritics for reading, compared folded like the line itself.
const DEVICE_FOOTERS: readonly RegExp[] = [
  String.raw`^sent from (?:my )?[\p{L}\p{N} .,'’&-]{2,50}$`,
  String.raw`^get outlook for (?:ios|android)`,
  String.raw`^(?:nosūtīts|sūtīts) no [\p{L}\p{N} .,'’&-]{2,60}$`,
  String.raw`^iegūstiet outlook`,
  String.raw`^отправлено (?:с|со|из) [\p{L}\p{N} .,'’&-]{2,60}$`,
  String.raw`^(?:получить|скачайте|загрузите) outlook для`,
].map((source) => new RegExp(foldDiacritics(source), 'iu'));

/** A line that is only a sign-off, optionally with punctuation and a name after it. */
export function isSignOff(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_SIGN_OFF_LINE) return false;
  const folded = foldDiacritics(trimmed);
  const phrase = SIGN_OFF.exec(folded);
  if (phrase === null) return false;
  const rest = folded.slice(phrase[0].length);
  if (SIGN_OFF_REST.test(rest)) return true;
  const titled = TITLED_REST.exec(rest);
  if (titled === null) return false;
  const signer = titled[2]!.trim();
  return (titled[1] !== '' && NAME_ALONE.test(signer)) || isNameWithContact(signer);
}

/** "Sent from my iPhone" and the like, which phones add under every message. */
export function isDeviceFooter(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_SIGN_OFF_LINE) return false;
  const folded = foldDiacritics(trimmed);
  return DEVICE_FOOTERS.some((footer) => footer.test(folded));
}

/** Letters without their diacritics, case kept: "Ar cieņu" → "Ar cienu", "Ar cīņu" → "Ar cinu". */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
