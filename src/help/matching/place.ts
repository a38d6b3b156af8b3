import { skeleton } from '../../reports/name-skeleton.js';

/*
 * Whether the social worker's words to a volunteer give the place the person typed. The volunteer
 * learns where only once both sides agreed, so the desk refuses words that hold it however it is
 * written: in other case, with other spaces or punctuation, without the Latvian marks ("Skolas
 * ielā 5" is "Skolas iela 5"), in the other alphabet letter by letter ("Лиепу 7"), and a street
 * and its house number with or without the word for a street between them, in any order of the
 * place's parts ("Liepu 7" is "Liepu iela 7, Kaunata"; "ul. Liepu, 7"; "Jaunajā ielā 3").
 */

/** Shorter than this, a place (a lone house number) is in too many words to refuse them. */
const MIN_PLACE = 4;
/** Shorter than this, a street's word is no street's name. */
const MIN_STREET = 3;
/** How many words may stand between a street's name and its number ("ielā, mājā nr. 7"). */
const MAX_BETWEEN = 3;

/**
 * The words a street's name and its number may have between them, in the skeleton (ielā → iela,
 * улица → ulika, šoseja → soseia): the kind of street, declined, and "house", "number".
 */
const BETWEEN =
  /^(?:iel[a-z]{0,3}|ul|ulik[a-z]{0,2}|gatv[a-z]{0,2}|bulv[a-z]{0,5}|prosp[a-z]{0,5}|pr|sose[a-z]{0,4}|kel[a-z]{0,2}|laukum[a-z]{0,2}|st|str|stret|strase|road|rd|avenue|ave|lane|per|pereulok|maia|maia[a-z]{1,2}|dom|d|nr|no|n)$/;

/** The words of a text in the Latin skeleton; letters and digits apart ("iela5" is "iela", "5"). */
function words(text: string): string[] {
  return skeleton(text).match(/[a-z]+|[0-9]+/g) ?? [];
}

/**
 * The places to look for: the whole place as typed, and each of its parts, that hold a number (a
 * street and house: "Liepu iela 7" of "Kaunata, Liepu iela 7"). A place without one names a
 * village or a parish, which the volunteer is told anyway: "Kaunata" as the place must not refuse
 * "brauciens uz Kaunatu".
 */
function placesIn(location: string): string[][] {
  const parts = [location, ...location.split(/[,;\n]/)].filter((part) => /\p{N}/u.test(part));
  return parts.map(words).filter((found) => found.join('').length >= MIN_PLACE);
}

/**
 * Whether `place` is in `text` as whole words, spaces aside: it starts where a word of the text
 * starts and ends where one ends ("Skolas iela 5" is not in "Skolas iela 55").
 */
function holds(text: readonly string[], place: readonly string[]): boolean {
  const joined = text.join('');
  const wanted = place.join('');
  const starts = new Set<number>();
  const ends = new Set<number>();
  let at = 0;
  for (const word of text) {
    starts.add(at);
    at += word.length;
    ends.add(at);
  }
  for (let found = joined.indexOf(wanted); found >= 0; found = joined.indexOf(wanted, found + 1))
    if (starts.has(found) && ends.has(found + wanted.length)) return true;
  return false;
}

interface Street {
  /** The last word of its name, in the skeleton ("liepu"; "barona" of Krišjāņa Barona iela). */
  name: string;
  /** Its house number's digits. */
  number: string;
}

/**
 * The street and house number of a part of the place ("Kaunata Liepu iela 7" → liepu, 7), if it
 * has both: the number, and the last word before it that is not the kind of street. Its last word
 * is how a street is called ("Barona 7").
 */
function streetOf(part: readonly string[]): Street | undefined {
  const at = part.findIndex((word) => /^[0-9]/.test(word));
  const name = part
    .slice(0, Math.max(at, 0))
    .reverse()
    .find((word) => !BETWEEN.test(word));
  return name !== undefined && name.length >= MIN_STREET && !/^[0-9]/.test(name)
    ? { name, number: part[at]! }
    : undefined;
}

/** A street's word as the text may decline it: its stem and a Latvian ending (Jaunā, Jaunajā). */
function sameWord(written: string, word: string): boolean {
  if (written === word) return true;
  const stem = word.replace(/[aeious]{1,2}$/, '');
  return (
    stem.length >= MIN_STREET &&
    written.startsWith(stem) &&
    /^[aeiousm]{0,3}$/.test(written.slice(stem.length))
  );
}

/** Whether the word at `at` is the street's name, its number after it with few words between, or before it. */
function streetAt(text: readonly string[], at: number, street: Street): boolean {
  if (!sameWord(text[at]!, street.name)) return false;
  // After the name: up to MAX_BETWEEN words for a street or a house ("ielā, mājā nr."), then the number.
  for (let index = at + 1; index <= at + 1 + MAX_BETWEEN; index += 1) {
    if (text[index] === street.number) return true;
    if (text[index] === undefined || !BETWEEN.test(text[index]!)) break;
  }
  // Or the number first ("7 Liepu Street").
  return text[at - 1] === street.number;
}

/** Whether the text names the street and its house number, however little lies between them. */
function holdsStreet(text: readonly string[], street: Street): boolean {
  return text.some((_, at) => streetAt(text, at, street));
}

/** The word for a kind of street, in the skeleton: the part of BETWEEN that says a street follows or went before. */
const STREET_KIND =
  /^(?:iel[a-z]{0,3}|ul|ulik[a-z]{0,2}|gatv[a-z]{0,2}|bulv[a-z]{0,5}|prosp[a-z]{0,5}|sose[a-z]{0,4}|laukum[a-z]{0,2}|str|stret|strase|road|rd|avenue|ave|lane|pereulok)$/;

/** A street's name: a word of letters, long enough, and not itself a word for a street or a house. */
const streetName = (word: string | undefined): word is string =>
  word !== undefined && word.length >= MIN_STREET && /^[a-z]+$/.test(word) && !BETWEEN.test(word);

/** The first house number within a few street or house words from `from` ("ielā, mājā nr. 7"). */
function numberFrom(text: readonly string[], from: number): string | undefined {
  for (let index = from; index <= from + MAX_BETWEEN; index += 1) {
    const word = text[index];
    if (word !== undefined && /^[0-9]+$/.test(word)) return word;
    if (word === undefined || !BETWEEN.test(word)) return undefined;
  }
  return undefined;
}

/**
 * The streets with a house number written in free text (a request's description), found by the
 * word for a street: "Skolas ielā 5", "ул. Лиепу 7", "7 Liepu Street". Unlike the place the person
 * gave, free text is not read part by part: its numbers are mostly no house ("2 reizes nedēļā").
 */
function streetsNamedIn(text: readonly string[]): Street[] {
  const streets: Street[] = [];
  text.forEach((word, at) => {
    if (!STREET_KIND.test(word)) return;
    const before = text[at - 1];
    const after = text[at + 1];
    const forward = streetName(before) ? numberFrom(text, at + 1) : undefined;
    if (forward) streets.push({ name: before!, number: forward });
    // "ул. Лиепу 7": the kind first, then the name and its number.
    const named = streetName(after) ? numberFrom(text, at + 2) : undefined;
    if (named) streets.push({ name: after!, number: named });
    // "7 Liepu Street": the number before the name.
    const number = text[at - 2];
    if (streetName(before) && number !== undefined && /^[0-9]+$/.test(number))
      streets.push({ name: before, number });
  });
  return streets;
}

/**
 * Whether `text` gives the place a request was made for: its report's location as typed, or a
 * street and house number the asker wrote elsewhere in the request (`elsewhere`: its title and
 * description), which the volunteer must not learn before both have agreed either.
 */
export function givesPlace(text: string, location: string, elsewhere = ''): boolean {
  const written = words(text);
  const atLocation = placesIn(location).some((place) => {
    if (holds(written, place)) return true;
    const street = streetOf(place);
    return street !== undefined && holdsStreet(written, street);
  });
  return atLocation || streetsNamedIn(words(elsewhere)).some((street) => holdsStreet(written, street));
}
