/*
 * A clerk's post written before their name on the last line: "pārvaldes vadītāja A. Bērziņa",
 * "Kaunatas pagasta sociālā darbiniece Anna Bērziņa", "начальник управления А. Берзиня", "Head of
 * Kaunata parish administration Anna Berzina". A line is one only when every word before the name
 * belongs to a post (a post's own word in the nominative, the office it is of, or a place's
 * capitalised name) and one of them is a post: "Zvaniet vadītājai Annai Bērziņai" (a dative, so
 * an instruction) or "Darbus veiks inženieris Jānis Ozols" (a verb) stay in the answer.
 */

// A post, as it is written under a name: the nominative only.
const POSTS = new Set([
  // Latvian
  'vadītāja',
  'vadītājs',
  'speciāliste',
  'speciālists',
  'sekretāre',
  'sekretārs',
  'lietvede',
  'lietvedis',
  'inženieris',
  'inženiere',
  'pārvaldnieks',
  'pārvaldniece',
  'priekšsēdētājs',
  'priekšsēdētāja',
  'vietnieks',
  'vietniece',
  'direktors',
  'direktore',
  'darbinieks',
  'darbiniece',
  'grāmatvedis',
  'grāmatvede',
  'jurists',
  'juriste',
  'referents',
  'referente',
  'koordinators',
  'koordinatore',
  // Russian
  'начальник',
  'руководитель',
  'специалист',
  'секретарь',
  'заместитель',
  'директор',
  'инженер',
  'управляющий',
  'управляющая',
  'делопроизводитель',
  'председатель',
  'работник',
  'работница',
  // English
  'head',
  'manager',
  'officer',
  'specialist',
  'secretary',
  'director',
  'engineer',
  'clerk',
  'administrator',
  'deputy',
  'worker',
  'coordinator',
  'chair',
  'chairman',
  'chairwoman',
]);

// What a post is of or how senior it is: "pagasta pārvaldes", "galvenā", "управления волости",
// "of the parish administration". Written lower case; a capitalised word before the name is a
// place's or an office's own name ("Kaunatas", "Rēzeknes").
const POST_WORDS = new Set([
  // Latvian
  'pagasta',
  'pārvaldes',
  'novada',
  'domes',
  'pašvaldības',
  'pilsētas',
  'apvienības',
  'iestādes',
  'nodaļas',
  'dienesta',
  'centra',
  'sociālā',
  'sociālais',
  'sociālo',
  'lietu',
  'komunālās',
  'saimniecības',
  'galvenā',
  'galvenais',
  'vecākā',
  'vecākais',
  'un',
  // Russian
  'волостного',
  'волости',
  'управления',
  'края',
  'думы',
  'самоуправления',
  'отдела',
  'службы',
  'центра',
  'социальной',
  'социальный',
  'социальная',
  'главный',
  'главная',
  'ведущий',
  'ведущая',
  'старший',
  'старшая',
  'и',
  // English
  'of',
  'the',
  'parish',
  'administration',
  'municipality',
  'council',
  'office',
  'department',
  'social',
  'services',
  'senior',
  'chief',
  'and',
]);

const MAX_POST_WORDS = 7;
const CAPITALISED = /^\p{Lu}[\p{L}'’-]*$/u;

/**
 * Whether words under or beside a name hold a post's own word ("специалист волости",
 * "pagasta pārvaldes vadītāja") or begin with an office's capitalised name ("Kaunatas pagasts").
 */
export function holdsPost(words: string): boolean {
  const all = words.trim().split(/[^\p{L}'’-]+/u);
  return CAPITALISED.test(all[0] ?? '') || all.some((word) => POSTS.has(word.toLowerCase()));
}

/**
 * Whether a line is a post and then a name (`isName` tells a name): every word before the name
 * belongs to the post, one of them is a post's own word, and the name has two to four words.
 */
export function isPostThenName(line: string, isName: (words: string) => boolean): boolean {
  const words = line.trim().split(/\s+/u);
  for (let nameWords = 2; nameWords <= Math.min(4, words.length - 1); nameWords += 1) {
    const post = words.slice(0, words.length - nameWords);
    if (post.length > MAX_POST_WORDS || !isName(words.slice(-nameWords).join(' '))) continue;
    const lower = post.map((word) => word.toLowerCase());
    if (
      lower.some((word) => POSTS.has(word)) &&
      post.every((word, i) => POSTS.has(lower[i]!) || POST_WORDS.has(lower[i]!) || CAPITALISED.test(word))
    )
      return true;
  }
  return false;
}
