/*
 * Given names that sign a reply on their own ("Labojām.\n\nAnna"). A capitalised word alone under
 * the answer may as well be a village, a street or a firm ("Kaunata", "Ziemeļi"), so only a word
 * that is a common given name is taken for a signature. The set is small and hand-picked, not a
 * copy of any table: common given names of Latvia's adult residents as the Central Statistical
 * Bureau's (CSP, stat.gov.lv) statistics of the most frequent names show them, Catholic names
 * frequent in Latgale, common Russian names of the region's Russian speakers, and a few English
 * ones; check a name against those statistics before adding it. A name missing from
 * it is cut only when it is the sender's own (signer-name.ts); a name added that is also a
 * common word (Latvian Rasa "dew", Daina "folk song", Laima "luck"; English Hope, Grace, Will,
 * Mark) would cut a last line that is a word, so those are left out on purpose.
 */
// prettier-ignore
const GIVEN_NAMES: readonly string[] = [
  // Latvian: women
  'Agita', 'Agnese', 'Aija', 'Aina', 'Aiva', 'Alise', 'Alla', 'Anda', 'Andra', 'Anita', 'Anna',
  'Antra', 'Arta', 'Astrīda', 'Baiba', 'Biruta', 'Dace', 'Dagnija', 'Dagmāra', 'Diāna', 'Dina',
  'Dzintra', 'Edīte', 'Egita', 'Elīna', 'Elza', 'Evija', 'Gunta', 'Gita', 'Ieva', 'Ilga',
  'Ilona', 'Ilze', 'Ina', 'Inese', 'Inga', 'Ingrīda', 'Inguna', 'Iveta', 'Ivita', 'Jolanta',
  'Kristīne', 'Laila', 'Lāsma', 'Laura', 'Lelde', 'Lība', 'Līga', 'Liene', 'Lilita', 'Linda',
  'Maija', 'Māra', 'Mārīte', 'Marta', 'Mudīte', 'Olga', 'Rita', 'Rudīte', 'Ruta', 'Sandra',
  'Sanita', 'Santa', 'Sarmīte', 'Signe', 'Silvija', 'Sintija', 'Skaidrīte', 'Solvita', 'Sofija',
  'Tatjana', 'Valentīna', 'Velta', 'Vija', 'Vineta', 'Zane', 'Zaiga', 'Zinaīda',
  // Latvian: men
  'Agris', 'Aigars', 'Aivars', 'Aldis', 'Andis', 'Andrejs', 'Andris', 'Ainārs', 'Arnis', 'Artis',
  'Artūrs', 'Arvīds', 'Dainis', 'Dāvis', 'Edgars', 'Egils', 'Ēriks', 'Gatis', 'Gints', 'Guntars',
  'Guntis', 'Gunārs', 'Imants', 'Indulis', 'Ivars', 'Jānis', 'Jāzeps', 'Juris', 'Kaspars',
  'Kārlis', 'Kristaps', 'Māris', 'Mārtiņš', 'Normunds', 'Oskars', 'Pēteris', 'Raimonds',
  'Reinis', 'Ričards', 'Roberts', 'Rolands', 'Sandis', 'Uldis', 'Valdis', 'Valters', 'Viesturs',
  'Vilnis', 'Zigmārs',
  // Latgale: Catholic and Latgalian forms
  'Aloizs', 'Antons', 'Broņislava', 'Genovefa', 'Janīna', 'Jezups', 'Juoņs', 'Leokādija',
  'Ontons', 'Stanislavs', 'Staņislavs', 'Terēze', 'Vladislavs', 'Veronika', 'Marija',
  // Russian, in Cyrillic and as a Latvian passport writes it
  'Александр', 'Алексей', 'Анатолий', 'Андрей', 'Анна', 'Валентина', 'Вера', 'Виктор',
  'Владимир', 'Галина', 'Дмитрий', 'Евгений', 'Екатерина', 'Елена', 'Иван', 'Ирина', 'Людмила',
  'Любовь', 'Мария', 'Марина', 'Надежда', 'Наталья', 'Николай', 'Нина', 'Ольга', 'Павел',
  'Светлана', 'Сергей', 'Татьяна', 'Юрий', 'Юлия',
  'Aleksandrs', 'Aleksejs', 'Anatolijs', 'Dmitrijs', 'Galina', 'Irina', 'Jeļena', 'Jevgēņijs',
  'Jurijs', 'Ludmila', 'Marina', 'Natālija', 'Nikolajs', 'Nina', 'Pāvels', 'Sergejs',
  'Svetlana', 'Viktors', 'Vladimirs', 'Jūlija',
  // English
  'Alexander', 'Andrew', 'David', 'Emma', 'James', 'John', 'Mary', 'Michael', 'Peter', 'Sarah',
];

// Without marks, as a phone may type them (Janis, Marite); й and ё lose theirs alike on both sides.
/** Lower case without marks: how a name is compared, as a phone may type it without them. */
export const foldName = (word: string) =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const FOLDED = new Set(GIVEN_NAMES.map(foldName));

/*
 * Names of the set that are everyday words too: Russian Вера "faith", Надежда "hope", Любовь
 * "love"; Latvian Ieva "bird cherry", Līga "league", Vilnis "wave", Aina "view". Common enough
 * as names to sign with, so alone on the last line they still do ("Надежда"); but a last line
 * that begins with one and goes on ("Надежда – наша главная сила") is a sentence unless a post or
 * an office follows it (contact-card.ts).
 */
const WORDS_TOO = new Set(['Вера', 'Надежда', 'Любовь', 'Ieva', 'Līga', 'Vilnis', 'Aina'].map(foldName));
// One capitalised word (Anna, Jānis, Анна), or in capitals as some sign (ANNA), nothing after it.
const ONE_WORD = /^\p{Lu}(?:\p{Ll}+|\p{Lu}+)$/u;

/** Whether a line is only a common given name ("Anna", "Jānis", "Janis", "Анна"). */
export function isGivenName(line: string): boolean {
  const word = line.trim();
  return ONE_WORD.test(word) && FOLDED.has(foldName(word));
}

/** Whether a given name of the set is an everyday word too ("Надежда", hope). */
export function isWordToo(word: string): boolean {
  return WORDS_TOO.has(foldName(word.trim()));
}
