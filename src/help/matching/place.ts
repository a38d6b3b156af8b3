/*
 * Whether the social worker's words to a volunteer give the place the person typed. The volunteer
 * learns where only once both sides agreed, so the desk refuses words that hold it however it is
 * written: in other case, with other spaces or punctuation, or without the Latvian marks
 * ("Skolas ielā 5" is "Skolas iela 5").
 */

/** Shorter than this, a place (a lone house number) is in too many words to refuse them. */
const MIN_PLACE = 4;

/** The words of a text, lower case, without marks; letters and digits apart ("iela5" is "iela", "5"). */
function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/\p{L}+|\p{N}+/gu) ?? []
  );
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

/** Whether `text` gives the place a request was made for (its report's location, as typed). */
export function givesPlace(text: string, location: string): boolean {
  const written = words(text);
  return placesIn(location).some((place) => holds(written, place));
}
