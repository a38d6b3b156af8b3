import { foldName } from '../mail/inbound/given-names.js';

/*
 * Given names that change from one language to another rather than being spelt another way: an
 * answer to a Michael may greet him as Mihail (Latvian) or Михаил (Russian). Spelling alone is
 * handled by rules (name-words.ts: Alexander, Aleksandrs, Александр; Peter, Pēteris, Пётр); these
 * are the names the rules cannot reach. Each row is one name in English, Latvian and Russian, and
 * the ways a Latvian passport or an English page writes its Russian form; a reporter typed as any
 * of them is masked by the forms of all (given-name.ts), each declined by the same rules.
 *
 * Small and hand-checked: a row is the everyday equivalent each language uses for the same
 * person, not every name of the same root. Left out on purpose: John ↔ Jānis ↔ Иван (in Latvia
 * they are three everyday names of different people, and Jāņi is the midsummer feast: a John
 * would mask "pēc Jāņiem"); Miķelis (Miķeļi is a feast day); and spellings whose stem is a word
 * or another name, as each is declined from its stem: Matīss ("mati", hair), Maria (Māra), Sophia
 * and Sofia (sofa).
 * A typed name is looked up as written, without marks and in lower case (Jazeps, MIHAILS).
 */
// prettier-ignore
const EQUIVALENTS: readonly (readonly string[])[] = [
  ['Andrew', 'Andrejs', 'Andris', 'Андрей', 'Andrei', 'Andrey'],
  ['Anthony', 'Antons', 'Антон', 'Anton'],
  ['Catherine', 'Katherine', 'Katrīna', 'Jekaterina', 'Екатерина', 'Ekaterina', 'Yekaterina'],
  ['Charles', 'Čārlzs', 'Kārlis', 'Карл', 'Чарльз'],
  ['Elizabeth', 'Elizabete', 'Jeļizaveta', 'Елизавета', 'Elizaveta', 'Yelizaveta'],
  ['Eugene', 'Jevgēņijs', 'Jevgeņijs', 'Евгений', 'Evgeny', 'Yevgeny', 'Evgeniy'],
  ['George', 'Džordžs', 'Juris', 'Jurģis', 'Georgs', 'Jurijs', 'Георгий', 'Юрий', 'Georgy', 'Yuri', 'Yury'],
  ['Gregory', 'Grigorijs', 'Григорий', 'Grigory', 'Grigoriy'],
  ['Helen', 'Helēna', 'Jeļena', 'Елена', 'Elena', 'Yelena'],
  ['Irene', 'Irēna', 'Irina', 'Ирина'],
  ['Jacob', 'Jēkabs', 'Jakovs', 'Яков', 'Yakov', 'Jakov'],
  ['James', 'Džeimss', 'Джеймс'],
  ['John', 'Džons', 'Джон'],
  ['Joseph', 'Jāzeps', 'Jezups', 'Džozefs', 'Josifs', 'Иосиф', 'Iosif'],
  ['Margaret', 'Margarēta', 'Margarita', 'Маргарита'],
  ['Mary', 'Marija', 'Мария'],
  ['Matthew', 'Matvejs', 'Матвей', 'Matvei', 'Matvey'],
  ['Michael', 'Mihails', 'Mihail', 'Михаил', 'Mikhail'],
  ['Natalie', 'Natālija', 'Наталья', 'Наталия', 'Natalia', 'Natalya'],
  ['Nicholas', 'Nikolajs', 'Николай', 'Nikolai', 'Nikolay'],
  ['Paul', 'Pauls', 'Pāvils', 'Pāvels', 'Павел', 'Pavel'],
  ['Peter', 'Pēteris', 'Pjotrs', 'Пётр', 'Petr', 'Pyotr'],
  ['Stephen', 'Steven', 'Stefans', 'Stepans', 'Степан', 'Стефан', 'Stepan'],
];

const ROWS = new Map<string, readonly string[]>();
for (const row of EQUIVALENTS)
  for (const name of row) ROWS.set(foldName(name), [...(ROWS.get(foldName(name)) ?? []), ...row]);

/** The given name and its equivalents in the other languages (itself alone when it has none). */
export function equivalentNames(word: string): readonly string[] {
  const row = ROWS.get(foldName(word.trim()));
  return row ? [word, ...row.filter((name) => foldName(name) !== foldName(word))] : [word];
}
