import { enBook } from './data/demo-en.js';
import { lvCommunity } from './data/demo-lv-community.js';
import { lvInfrastructure } from './data/demo-lv-infrastructure.js';
import { demoPlaces, russianPlaceNames, streets, type DemoPlace } from './data/demo-places.js';
import { ruBook } from './data/demo-ru.js';
import type { CategoryBook, Language, Scenario, Scene, TextBook } from './data/demo-types.js';
import { between, chance, pick, type Random } from './demo-random.js';

const books: Record<Language, TextBook> = {
  lv: { ...lvInfrastructure, ...lvCommunity },
  ru: ruBook,
  en: enBook,
};

export interface WrittenReport {
  language: Language;
  title: string;
  description: string;
  location: string;
  scene: Scene | undefined;
  /** What the parish says when it is fixed, fitting this very problem. */
  fixed: readonly string[];
}

function scenariosFor(language: Language, category: string, month: number): readonly Scenario[] {
  const book: CategoryBook | undefined = books[language][category];
  return book?.scenarios.filter((scenario) => !scenario.months || scenario.months.includes(month)) ?? [];
}

/** Whether residents write about a category in a month at all (nobody reports snow in July). */
export function inSeason(category: string, month: number): boolean {
  return scenariosFor('lv', category, month).length > 0;
}

export function placeOf(parishCode: string): DemoPlace {
  const place = demoPlaces[parishCode];
  if (!place) throw new Error(`no demo place names for parish ${parishCode}`);
  return place;
}

/** The words for one report's placeholders, chosen once so title, text and location agree. */
function vocabulary(random: Random, language: Language, parishCode: string, centre: string) {
  const place = placeOf(parishCode);
  const [from, to] = pick(random, place.roads);
  const russian = (name: string) => russianPlaceNames[name] ?? name;
  const ru = language === 'ru';
  const centreRu = russian(centre);
  const lakeFallback = { lv: 'ezera', ru: 'озера', en: 'the lake' }[language];
  return {
    road: ru ? `${russian(from)}–${russian(to)}` : `${from}–${to}`,
    km: String(between(random, 2, 28)),
    centre: ru ? centreRu : centre,
    gen: place.gen,
    loc: place.loc,
    acc: place.acc,
    in: centre === 'Viļāni' ? 'в Вилянах' : `в посёлке ${centreRu}`,
    street: pick(random, streets),
    no: String(between(random, 1, 48)),
    lake: place.lake ? place.lake[language] : lakeFallback,
  };
}

function fill(template: string, words: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => words[key] ?? match);
}

/**
 * A report as a resident would write it: Latvian when the language has nothing to say about the
 * category that month. One opener, one or two details and a closer make each description.
 */
export function writeReport(
  random: Random,
  request: { language: Language; category: string; parishCode: string; centre: string; month: number },
): WrittenReport {
  let language = request.language;
  let scenarios = scenariosFor(language, request.category, request.month);
  if (scenarios.length === 0) {
    language = 'lv';
    scenarios = scenariosFor(language, request.category, request.month);
  }
  if (scenarios.length === 0)
    throw new Error(`nothing to write about ${request.category} in month ${request.month}`);
  const scenario = pick(random, scenarios);
  const book = books[language][request.category]!;
  const words = vocabulary(random, language, request.parishCode, request.centre);
  const details = [pick(random, scenario.details)];
  if (scenario.details.length > 1 && chance(random, 0.4)) {
    const second = pick(random, scenario.details);
    if (second !== details[0]) details.push(second);
  }
  const sentences = [
    pick(random, scenario.openers),
    ...details,
    pick(random, scenario.closers ?? book.closers),
  ];
  return {
    language,
    title: fill(pick(random, scenario.titles), words),
    description: sentences.map((sentence) => fill(sentence, words)).join(' '),
    location: fill(pick(random, scenario.locations), words),
    scene: scenario.scene,
    fixed: scenario.fixed ?? [],
  };
}
