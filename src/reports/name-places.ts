/*
 * A reporter's surname (and many a given name) is the name of a place as well: Latvian farms,
 * villages and streets are named after trees and families (mājas "Ozoli", Liepu iela, Bērziņu
 * ciems, pie Liepām), Russian ones after trees too (в Берёзках), and an English May or June is a
 * month. given-name.ts masks the reporter's name in a published answer; these rules tell where a
 * form of it, written as a name, is the place or the date instead, from the words around it.
 *
 * Two degrees, as the two ways an answer is published differ. A stored reply is masked, never
 * refused: a word wrongly masked costs a word, a name wrongly published costs the reporter, so it
 * is masked unless the place is certain. A typed answer is refused and staff must reword it: it
 * is refused only where the form names the person, so a form that is probably a place passes.
 *
 * Certain: a homestead's name in quotes ("Ozoli", „Vecie Ozoli”, «Берёзки»: Latvian writes
 * a farm's name so); a form before a street, road, village or parish (Liepu ielā, Bērziņu ciemā,
 * Baker Lane, улица is written before it); a Latvian locative (Liepās, Ozolos, Kalniņā: "in", a
 * case a person is never in) as written with its marks; a Russian plural after в or на (в
 * Берёзках); an English month or weekday used as a date (in May, on 3 June, May 2027, by June).
 * Probable: a form after a word for a village or homestead (mājās Ozoli, деревня Берёзки), a
 * Latvian plural after a preposition of place (pie Liepām, uz Ozoliem, līdz Kalniņiem: one person
 * is never plural, but a family is, and its home is "pie Ozoliem" too), and a form before a house
 * (Ozolu mājas, that may be the family's). A title (Ozola kungs, Liepas kundzei) always makes it
 * the person, and given-name.ts looks for one first.
 */

/** How surely a form of the name is a place or a date rather than the person. */
export type Place = 'certain' | 'probable';

// "Jāņa iela", "Liepu ielā", "Miller Street", "Baker Lane": a street's or a road's noun after the
// form, whatever its case (the pattern of a name's forms ends with it, given-name.ts).
export const PLACE_AFTER = String.raw`(?!\s+(?:iel|ceļ|gatv|šosej|prospekt|bulvār|laukum|skvēr|parks|ул\.|улиц|проспект|переул|бульвар|площад|шоссе|street|road|avenue|square|lane|drive|farm|village)\p{L}*)`;
// "Bērziņu ciems", "Liepas pagasts", "Ozolu pietura": words a clerk writes often ("paldies Jānim
// pagasta vārdā"), so the form before them must be a genitive (-a, -as, -es, -u), not the typed name.
const VILLAGE_AFTER = /^[^\S\n]+(?:ciem|pagast|novad|sādž|viensēt|ezer|pietur|kapsēt)\p{L}*/iu;
const GENITIVE = /(?:a|as|es|u)$/u;
// "„Ozoli”", "\"Vecie Ozoli\"", "«Берёзки»": one to three capitalised words between quotes.
const QUOTE_OPENS = /(?<![\p{L}\p{N}])["„“«‘'‚](?:\p{Lu}[\p{L}-]*[^\S\n]+){0,2}$/u;
const QUOTE_CLOSES = /^(?:[^\S\n]+\p{Lu}[\p{L}-]*){0,2}["”“»’'](?![\p{L}\p{N}])/u;
// Latvian locative endings, singular and plural, as written with their marks.
const LOCATIVE = /(?:ā|ē|ī|ū|os|ās|ēs|īs|ūs)$/u;
// Russian prepositional plural after "в", "во", "на": "в Берёзках", "на Выселках".
const RUSSIAN_IN = /(?<![\p{L}])(?:в|во|на)[^\S\n]+$/iu;
const RUSSIAN_PLURAL_IN = /(?:ах|ях)$/u;
// A Latvian preposition of place, then a plural dative (one person is never plural).
const LATVIAN_AT =
  /(?<![\p{L}])(?:pie|uz|līdz|no|aiz|gar|pa|zem|virs|pret|starp|iepretim|iepretī|blakus|netālu no|tuvu)[^\S\n]+$/iu;
const LATVIAN_PLURAL_DATIVE = /(?:iem|ām|ēm|īm)$/u;
// A word for a village or a homestead before its name, which is plural: "mājās Ozoli", "ciemā
// Liepas", "деревня Берёзки" ("Mājās Ozolam nebija gaismas" is said of the person).
const PLACE_BEFORE =
  /(?<![\p{L}])(?:mājās|mājām|mājas|māja|māju|ciems|ciemā|ciemu|ciemam|ciema|sādža|sādžā|viensēta|viensētā|деревн[яеиюй]|посёл(?:ок|ке|ка|ку)|посел(?:ок|ке|ка|ку)|хутор[аеу]?)[^\S\n]+$/iu;
const NAMED_PLACE = /(?:i|as|es|и|ы)$/u;
// A house after a genitive: "Ozolu mājas", "Ozola mājā" (the family's house, perhaps).
const HOUSE_AFTER = /^[^\S\n]+māj\p{L}*/iu;

// English months and weekdays that are given names too (May, June, April, August...).
const MONTH_OR_DAY =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/iu;
// Before a date: "in May", "on 3 June", "by June", "end of April", "next Monday".
const DATE_BEFORE =
  /(?:(?<![\p{L}])(?:in|on|by|until|till|since|during|before|after|next|last|this|early|late|mid|every|throughout|(?:end|beginning|start|middle|rest) of)|\d(?:st|nd|rd|th)?(?:[^\S\n]+of)?)(?:[^\S\n]+|-)$/iu;
// After a date's month: "May 2027", "June 3", "April 3rd".
const DATE_AFTER = /^[^\S\n]+\d/u;

const NEAR = 30;

/** Whether a form of an English month or weekday name at `at` is used as a date. */
function isDate(text: string, found: string, at: number): boolean {
  const after = text.slice(at + found.length);
  // "on May's behalf" is hers.
  if (!MONTH_OR_DAY.test(found) || /^['’]s(?![\p{L}])/u.test(after)) return false;
  return DATE_BEFORE.test(text.slice(Math.max(0, at - NEAR), at)) || DATE_AFTER.test(after);
}

/**
 * Whether a form of the name (`found`, at `at` in `text`, written as a name) is a place or a
 * date, and how surely; undefined when it is the person. `typed`: the words of the name as
 * typed, in lower case, whose own ending says nothing of a case.
 */
export function placeOf(
  text: string,
  found: string,
  at: number,
  typed: readonly string[],
): Place | undefined {
  const before = text.slice(Math.max(0, at - NEAR), at);
  const after = text.slice(at + found.length, at + found.length + NEAR);
  const lower = found.toLowerCase();
  const declined = !typed.includes(lower);
  if (QUOTE_OPENS.test(before) && QUOTE_CLOSES.test(after)) return 'certain';
  if (isDate(text, found, at)) return 'certain';
  if (declined && LOCATIVE.test(lower)) return 'certain';
  if (declined && GENITIVE.test(lower) && VILLAGE_AFTER.test(after)) return 'certain';
  if (declined && RUSSIAN_PLURAL_IN.test(lower) && RUSSIAN_IN.test(before)) return 'certain';
  if (declined && NAMED_PLACE.test(lower) && PLACE_BEFORE.test(before)) return 'probable';
  if (declined && GENITIVE.test(lower) && HOUSE_AFTER.test(after)) return 'probable';
  if (declined && LATVIAN_PLURAL_DATIVE.test(lower) && LATVIAN_AT.test(before)) return 'probable';
  return undefined;
}
