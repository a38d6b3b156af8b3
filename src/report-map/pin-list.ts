import type { Status } from '../reports/types.js';
import type { PinWords } from './geojson.js';
import type { ReportPin } from './repository.js';
import { roundDegrees } from '../reports/position.js';

/**
 * A pin as the map draws it: latitude, longitude, ref, title, status, category and parish codes,
 * and the language the title was written in (marked as such where it is not the page's).
 */
export type CompactPin = [number, number, string, string, Status, string, string, string];

/**
 * The map's own pins: what `/map` draws, a few times smaller than the GeoJSON of the same reports
 * (which stays, for anyone to reuse). Each pin is a row of values; the names of its status,
 * category and parish are given once for the whole list, in the reader's language; coordinates
 * are rounded to about a metre. A slow phone reads, parses and keeps 5,000 of these in a fraction
 * of the time: the GeoJSON's 1.7 MB was most of the map's cost on the main thread.
 */
export interface PinList {
  /** More reports matched than one map draws; the list has them all. */
  truncated: boolean;
  /** The reader's language, which a report's link carries (`/reports/<ref>?lang=<language>`). */
  language: string;
  statuses: Record<string, string>;
  categories: Record<string, string>;
  parishes: Record<string, string>;
  pins: CompactPin[];
}

/** Five decimals, about a metre: enough to draw a pin, and each pin a few bytes shorter. */
const rounded = (degrees: number) => roundDegrees(degrees, 5);

export function pinList(
  pins: readonly ReportPin[],
  words: PinWords,
  options: { language: string; truncated: boolean },
): PinList {
  const list: PinList = {
    truncated: options.truncated,
    language: options.language,
    statuses: {},
    categories: {},
    parishes: {},
    pins: [],
  };
  for (const pin of pins) {
    list.statuses[pin.status] ??= words.status(pin.status);
    list.categories[pin.categoryCode] ??= words.category(pin.categoryCode);
    list.parishes[pin.parishCode] ??= words.parish(pin.parishCode);
    list.pins.push([
      rounded(pin.lat),
      rounded(pin.lon),
      pin.ref,
      words.title(pin.title, pin.writerName),
      pin.status,
      pin.categoryCode,
      pin.parishCode,
      pin.language,
    ]);
  }
  return list;
}
