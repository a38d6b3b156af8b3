import type { Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
import type { Status } from '../reports/types.js';
import type { ReportPin } from './repository.js';
import { publishedDegrees } from '../reports/position.js';

/** What a pin's popup says, in the reader's language: resolved by the route, never stored. */
export interface PinWords {
  status: (status: Status) => string;
  category: (code: string) => string;
  parish: (code: string) => string;
  /** A report's title as the public reads it (PublicWords): no contact, nor a name its writer kept back. */
  title: (text: string, writerName: string | null) => string;
}

/** How the pins are given: in the reader's language, cut at the map's limit, linked from the site. */
export interface PinOptions {
  language: Language;
  truncated: boolean;
  /** The public URL without a trailing slash, as open data's links start. */
  siteRoot: string;
}

export interface PinFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    ref: string;
    title: string;
    status: string;
    statusText: string;
    category: string;
    parish: string;
    created: string;
    url: string;
  };
}

export interface PinCollection {
  type: 'FeatureCollection';
  /** More reports matched than one map draws; the list has them all. */
  truncated: boolean;
  features: PinFeature[];
}

/**
 * The map's pins as GeoJSON (RFC 7946: longitude before latitude, WGS 84). Only what a report's
 * public page shows; a link carries the reader's language, and is absolute, as open data's are:
 * the file is for anyone to reuse, away from this site, where a path alone leads nowhere.
 */
export function pinCollection(
  pins: readonly ReportPin[],
  words: PinWords,
  options: PinOptions,
): PinCollection {
  return {
    type: 'FeatureCollection',
    truncated: options.truncated,
    features: pins.map((pin) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [publishedDegrees(pin.lon), publishedDegrees(pin.lat)] },
      properties: {
        ref: pin.ref,
        title: words.title(pin.title, pin.writerName),
        status: pin.status,
        statusText: words.status(pin.status),
        category: words.category(pin.categoryCode),
        parish: words.parish(pin.parishCode),
        created: pin.createdAt.toISOString(),
        url: addLanguage(`${options.siteRoot}/reports/${pin.ref}`, options.language),
      },
    })),
  };
}
