import { inLatinLetters } from '../src/reports/name-letters.js';
import {
  englishNames,
  latvianNames,
  russianNamesCyrillic,
  russianNamesLatin,
  type NameSet,
} from './data/demo-people.js';
import type { Language } from './data/demo-types.js';
import { between, chance, weighted, type Random } from './demo-random.js';

export interface DemoReporter {
  name: string;
  /** Always at example.org, a domain reserved for examples: no demo email can reach a real person. */
  email: string;
  showName: boolean;
}

/** "Jānis Ločs" → "janis.locs": what people type when an address may hold only ASCII. */
function asciiOf(text: string): string {
  return inLatinLetters(text).replace(/[^a-z0-9]+/g, '');
}

interface Person {
  female: boolean;
  given: number;
  surname: number;
}

function person(random: Random, set: NameSet): Person {
  const female = chance(random, 0.55); // women write to the parish more often than men
  const given = female ? set.female : set.male;
  return {
    female,
    given: between(random, 0, given.length - 1),
    surname: between(random, 0, set.surnames.length - 1),
  };
}

/** The person's name as spelled in `set`; the Russian sets are index-aligned, so one person has both spellings. */
function spell(set: NameSet, who: Person): { given: string; surname: string } {
  const given = (who.female ? set.female : set.male)[who.given]!;
  const surname = set.surnames[who.surname]![who.female ? 1 : 0];
  return { given, surname };
}

function emailFor(random: Random, given: string, surname: string): string {
  const first = asciiOf(given);
  const last = asciiOf(surname);
  const local = weighted(random, [
    [`${first}.${last}`, 5],
    [`${first}${last}${between(random, 1950, 2008)}`, 2],
    [`${first[0]}.${last}`, 2],
    [`${first}${between(random, 1, 99)}`, 1],
  ] as const);
  return `${local}@example.org`;
}

/**
 * Someone who writes in `language`: Latvian and Latgalian names for Latvian (and a few Russian
 * speakers who write Latvian), Russian names spelled either way for Russian, and a mix for English.
 */
export function makeReporter(random: Random, language: Language): DemoReporter {
  const set =
    language === 'ru'
      ? russianNamesLatin
      : language === 'en'
        ? englishNames
        : chance(random, 0.1)
          ? russianNamesLatin
          : latvianNames;
  const who = person(random, set);
  const latin = spell(set, who);
  // Many Russian speakers sign in Cyrillic; their email address is still Latin letters.
  const shown = language === 'ru' && chance(random, 0.5) ? spell(russianNamesCyrillic, who) : latin;
  return {
    name: `${shown.given} ${shown.surname}`,
    email: emailFor(random, latin.given, latin.surname),
    showName: chance(random, 0.45),
  };
}
