import { csvDocument } from '../../web/csv.js';
import type { Language } from '../../i18n/index.js';
import type { Report, ReportUpdate } from '../../reports/types.js';
import type { RequestMatchExport } from '../matching/disclosures.js';
import type { HelpRequestRecord } from './repository.js';

/*
 * One person's data of a request for help, as the social worker hands it over on request (GDPR
 * art. 15 and 20): the request, the help details, what was said on it to or by them, and the
 * matches (to which volunteer their contact went, when, and the answers), in JSON or CSV. Internal notes of staff are not part of it; words of Tilts are codes, so it reads the same
 * in any language.
 */

export interface HelpRequestExport {
  exportedAt: string;
  ref: string;
  language: Language;
  category: { code: string; name: string };
  parish: { code: string; name: string };
  status: string;
  closeReason: string | null;
  createdAt: string;
  askedBy: { name: string; email: string | null; phone: string | null };
  request: {
    title: string;
    description: string;
    location: string;
    lat: number | null;
    lon: number | null;
    photos: number;
  };
  help: {
    forWhom: string;
    subject: {
      name: string | null;
      knows: string | null;
      phone: string | null;
      email: string | null;
      toldAt: string | null;
    };
    kinds: string[];
    wants: string;
    days: string[];
    times: string;
    speaks: string[];
    erasedAt: string | null;
  };
  timeline: {
    at: string;
    by: string;
    fromStatus: string | null;
    toStatus: string | null;
    text: string | null;
  }[];
  /** Each volunteer proposed: the recipient of the person's contact once shared (art. 15(1)(c)). */
  matches: RequestMatchExport[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function helpRequestExport(input: {
  report: Report;
  details: HelpRequestRecord;
  timeline: readonly ReportUpdate[];
  photos: number;
  matches: RequestMatchExport[];
  names: { category: string; parish: string };
  now: Date;
}): HelpRequestExport {
  const { report, details } = input;
  return {
    exportedAt: input.now.toISOString(),
    ref: report.ref,
    language: report.language,
    category: { code: report.categoryCode, name: input.names.category },
    parish: { code: report.parishCode, name: input.names.parish },
    status: report.status,
    closeReason: report.closeReason,
    createdAt: report.createdAt.toISOString(),
    askedBy: { name: report.reporterName, email: report.reporterEmail, phone: report.reporterPhone },
    request: {
      title: report.title,
      description: report.description,
      location: report.location,
      lat: report.lat,
      lon: report.lon,
      photos: input.photos,
    },
    help: {
      forWhom: details.forWhom,
      subject: {
        name: details.subjectName,
        knows: details.subjectKnows,
        phone: details.subjectPhone,
        email: details.subjectEmail,
        toldAt: iso(details.subjectToldAt),
      },
      kinds: details.kinds,
      wants: details.wants,
      days: details.days,
      times: details.times,
      speaks: details.speaks,
      erasedAt: iso(details.erasedAt),
    },
    // What the person saw of it: the updates on their own page (never internal notes).
    timeline: input.timeline
      .filter((update) => update.isPublic)
      .map((update) => ({
        at: update.createdAt.toISOString(),
        by: update.authorKind,
        fromStatus: update.fromStatus,
        toStatus: update.toStatus,
        text: update.publicText,
      })),
    matches: input.matches,
  };
}

/** Every value of a nested object as `path,value` pairs: `askedBy.name`, `timeline.1.text`. */
function flatten(value: unknown, path: string, into: [string, string][]): [string, string][] {
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    into.push([path, value.join(',')]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}.${index + 1}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, path ? `${path}.${key}` : key, into);
  } else {
    into.push([path, value === null || value === undefined ? '' : String(value as string | number)]);
  }
  return into;
}

/** The export as CSV: one `field,value` row each, UTF-8 with a byte-order mark for spreadsheets. */
export function toCsv(data: HelpRequestExport): string {
  return csvDocument(['field', 'value'], flatten(data, '', []));
}
