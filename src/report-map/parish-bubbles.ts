import type { Parish } from '../reference/types.js';
import type { ParishCount } from './repository.js';

/** A parish on the map before its pins are drawn: where, how many reports, and what to call it. */
export interface ParishBubble {
  code: string;
  /** The parish's centre (reference data), or its reports' mean place where it has none. */
  lat: number;
  lon: number;
  reports: number;
  /** "Silmalas pagasts: 412 reports", in the reader's language, plural and all. */
  label: string;
}

/**
 * The answer of /map/parishes.json: every report of the list's query with a place on the map,
 * counted per parish, so the map can show them all at once as a few dozen bubbles and fetch a
 * parish's pins only when someone opens or zooms into it. Before, a phone fetched and clustered
 * the newest 5,000 pins (96 KB compressed, 530 KB of JSON) before it showed anything, and never
 * the rest.
 */
export interface ParishBubbles {
  language: string;
  /** The query's reports with a place, in all parishes. */
  total: number;
  /** By name in the reader's language: the map adds their bubbles in this order. */
  parishes: ParishBubble[];
}

/** Where a parish's bubble stands: its centre, or where it has none (Dekšāres), its reports' mean place. */
function centreOf(parish: Parish | undefined, count: ParishCount): { lat: number; lon: number } {
  if (parish && parish.lat !== null && parish.lon !== null) return { lat: parish.lat, lon: parish.lon };
  return { lat: count.lat, lon: count.lon };
}

export function parishBubbles(
  counts: readonly ParishCount[],
  words: {
    language: string;
    parish: (code: string) => Parish | undefined;
    name: (code: string) => string;
    label: (name: string, reports: number) => string;
  },
): ParishBubbles {
  const named = counts
    .filter((count) => count.reports > 0)
    .map((count) => ({ count, name: words.name(count.parishCode) }))
    .sort((a, b) => a.name.localeCompare(b.name, words.language));
  return {
    language: words.language,
    total: named.reduce((sum, { count }) => sum + count.reports, 0),
    parishes: named.map(({ count, name }) => ({
      code: count.parishCode,
      ...centreOf(words.parish(count.parishCode), count),
      reports: count.reports,
      label: words.label(name, count.reports),
    })),
  };
}
