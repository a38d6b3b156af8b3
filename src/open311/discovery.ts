import type { i18n } from 'i18next';
import type { Language } from '../i18n/index.js';
import { withLanguage } from '../web/i18n.js';

/*
 * The service discovery document (Open311 "Service Discovery"): where the GeoReport v2 endpoint
 * is, what it speaks, and how to get a key. It names the municipality, never a person.
 */

/**
 * When this endpoint last changed in a way a client would notice (on 2026-12-07: a request whose
 * place was stored far outside the novads has no lat and long; on 2026-12-06: services have
 * metadata, a POST's unknown attribute or repeated field is a 400, and so is an attribute whose
 * value is no text, errors, notices and this document follow the asked language and
 * Accept-Language, Latvian by default; on 2026-12-04: array forms of
 * parameters, 400s for unknown service codes and dates outside 1970–9999, positions rounded).
 * A client compares it with the one it saw before, so it is a real past date, never a guess
 * ahead: change it with the interface.
 */
export const CHANGESET = '2026-12-07T00:00:00+02:00';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS = ['text/xml', 'application/json'] as const;

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

/**
 * The document in one language (lv, en or ru, as the client asked: `languageOf`): its contact and
 * key service are sentences a person reads. `production` is the config's: a real installation; a
 * developer's machine is a test endpoint.
 */
export function discoveryOf(
  publicUrl: string,
  production: boolean,
  i18nInstance: Pick<i18n, 't'>,
  language: Language,
): Discovery {
  // The page it names opens in the document's language, as every link a person follows does.
  const words = { lng: language, url: withLanguage(`${publicUrl}/accessibility`, language) };
  return {
    changeset: CHANGESET,
    contact: i18nInstance.t('open311.discovery.contact', words),
    key_service: i18nInstance.t('open311.discovery.keyService', words),
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${publicUrl}/open311/v2`,
        changeset: CHANGESET,
        type: production ? 'production' : 'test',
        formats: [...FORMATS],
      },
    ],
  };
}
