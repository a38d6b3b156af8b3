import type { Language, Scene } from './data/demo-types.js';
import { between, chance, weighted, type Random } from './demo-random.js';
import { makeReporter, type DemoReporter } from './demo-reporters.js';
import { inSeason, writeReport, type WrittenReport } from './demo-text.js';
import { simulateHistory, type DemoHistory } from './demo-timeline.js';
import { formatRef } from '../src/reports/refs.js';
import { chooseRecipients, type RoutingRule } from '../src/routing/rules.js';

const DAY = 24 * 60 * 60 * 1000;
/** How far back the demo goes: about ten months, so every season but one shows. */
export const DEMO_SPAN_DAYS = 300;

export interface DemoReference {
  parishes: {
    code: string;
    apvienibaCode: string;
    centre: string;
    lat: number | null;
    lon: number | null;
    population: number | null;
  }[];
  categories: { code: string; visibility: 'public' | 'private' }[];
  rules: RoutingRule[];
}

export interface DemoReport {
  id: number;
  ref: string;
  categoryCode: string;
  parishCode: string;
  isPrivate: boolean;
  createdAt: Date;
  written: WrittenReport;
  reporter: DemoReporter;
  lat: number | null;
  lon: number | null;
  history: DemoHistory;
  /** Photos sent with the form, as scenes to take from the photo library. */
  photos: Scene[];
  /** Contacts routing chose; none while unconfirmed (routing happens at confirmation). */
  recipientIds: number[];
}

// How often residents write about each category; the season then shifts it.
const CATEGORY_WEIGHTS: Record<string, number> = {
  roads: 22,
  'street-lighting': 10,
  waste: 12,
  water: 6,
  snow: 8,
  buildings: 7,
  environment: 10,
  animals: 5,
  transport: 6,
  youth: 5,
  other: 4,
  'elderly-help': 5,
  'social-other': 2,
};

function seasonal(category: string, month: number): number {
  if (category === 'roads' && month >= 3 && month <= 5) return 1.6; // potholes after the thaw
  if (category === 'street-lighting' && (month >= 10 || month <= 2)) return 1.5; // long dark evenings
  if (
    (category === 'waste' || category === 'environment' || category === 'youth') &&
    month >= 6 &&
    month <= 8
  )
    return 1.4;
  return 1;
}

// Parishes where many residents speak Russian at home.
const RUSSIAN_SPEAKING = new Set([
  'nautrenu',
  'pusas',
  'stolerovas',
  'vilani',
  'maltas',
  'silmalas',
  'cornajas',
  'griskanu',
]);

/** Creation times over the span, more of them recently (the portal got known), in waking hours. */
export function demoDates(random: Random, count: number, now: Date): Date[] {
  const dates: Date[] = [];
  for (let i = 0; i < count; i++) {
    const share = chance(random, 0.6) ? random() : Math.sqrt(random());
    const day = new Date(now.getTime() - (1 - share) * DEMO_SPAN_DAYS * DAY);
    // 7:00–22:59 in Riga (UTC+2, near enough).
    day.setUTCHours(between(random, 5, 20), between(random, 0, 59), between(random, 0, 59), 0);
    dates.push(day > now ? new Date(day.getTime() - DAY) : day);
  }
  return dates.sort((a, b) => a.getTime() - b.getTime());
}

export interface PlanContext {
  reference: DemoReference;
  now: Date;
  /** Chance that a report of a photographable problem came with photos. */
  photoChance: number;
  minimal: boolean;
  /** The latest public, confirmed report per parish and category, for duplicates. */
  latest: Map<string, { id: number; ref: string }>;
}

export function planReport(
  random: Random,
  context: PlanContext,
  slot: { id: number; number: number; createdAt: Date },
): DemoReport {
  const { reference, now } = context;
  const { createdAt } = slot;
  const month = createdAt.getUTCMonth() + 1;
  const parish = weighted(
    random,
    reference.parishes.map((p) => [p, p.population ?? 650] as const),
  );
  const category = weighted(
    random,
    reference.categories.map(
      (c) =>
        [c, inSeason(c.code, month) ? (CATEGORY_WEIGHTS[c.code] ?? 3) * seasonal(c.code, month) : 0] as const,
    ),
  );
  const isPrivate = category.visibility === 'private';
  const language = weighted<Language>(random, [
    ['ru', RUSSIAN_SPEAKING.has(parish.code) ? 0.3 : 0.12],
    ['en', 0.04],
    ['lv', 1],
  ]);
  const written = writeReport(random, {
    language,
    category: category.code,
    parishCode: parish.code,
    centre: parish.centre,
    month,
  });
  const reporter = makeReporter(random, written.language);
  const pinned = parish.lat !== null && parish.lon !== null && chance(random, 0.5);
  const key = `${parish.code}:${category.code}`;
  const history = simulateHistory(random, {
    createdAt,
    now,
    isPrivate,
    language: written.language,
    fixed: written.fixed,
    earlier: context.latest.get(key),
    canPhotograph: written.scene !== undefined,
    minimal: context.minimal,
  });
  // Always two draws, whatever the photo mode, so the rest of the demo does not depend on it.
  const [photoRoll, countRoll] = [random(), random()];
  const photos: Scene[] = [];
  if (written.scene && !isPrivate && photoRoll < context.photoChance) {
    const count = countRoll < 0.6 ? 1 : countRoll < 0.88 ? 2 : 3;
    for (let i = 0; i < count; i++) photos.push(written.scene);
  }
  const ref = formatRef(createdAt.getUTCFullYear(), slot.number);
  const confirmed = history.status !== 'unconfirmed';
  if (confirmed && !isPrivate && !history.withdrawnAt) context.latest.set(key, { id: slot.id, ref });
  const offset = (spread: number) => Math.round((random() - 0.5) * spread * 1e5) / 1e5;
  return {
    id: slot.id,
    ref,
    categoryCode: category.code,
    parishCode: parish.code,
    isPrivate,
    createdAt,
    written,
    reporter,
    lat: pinned ? parish.lat! + offset(0.05) : null,
    lon: pinned ? parish.lon! + offset(0.09) : null,
    history,
    photos,
    recipientIds: confirmed
      ? chooseRecipients(reference.rules, {
          parishCode: parish.code,
          apvienibaCode: parish.apvienibaCode,
          categoryCode: category.code,
        })
      : [],
  };
}
