import type { Language } from '../i18n/index.js';
import type { Writer } from '../reports/public-words.js';
import type { Category, Parish } from '../reference/types.js';
import { OPEN_STATUSES, open311Status } from '../reports/states.js';
import type { CloseReason, Status } from '../reports/types.js';
import { w3cDateTime } from './dates.js';
import { publishedDegrees } from '../reports/position.js';

/*
 * What Open311 clients receive, shaped as GeoReport v2 says: ids and codes as strings, datetimes
 * W3C with a zone, null where Tilts has nothing to say. Built from what a public page shows, with
 * the resident's words masked as open data masks them: no field is made of anyone's name, email
 * or phone, and none typed into a description or an address is passed on.
 */

export type Open311Status = ReturnType<typeof open311Status>;

/** Our statuses an Open311 status filter stands for (never `unconfirmed`). */
export function statusesFor(status: Open311Status): Status[] {
  return status === 'open' ? [...OPEN_STATUSES] : ['resolved', 'closed'];
}

/** The GeoReport v2 schema caps a request's description at 4000 characters (code points). */
export const MAX_DESCRIPTION = 4000;

/** A description cut to the schema's cap, with an ellipsis saying so; shorter ones unchanged. */
export function fitDescription(text: string, max = MAX_DESCRIPTION): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

export interface ServiceType {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string;
}

/**
 * A public category as a service: requests are realtime (each becomes a report at once). Every
 * service takes the parish attribute, so each has a definition (`metadata: true`, as GeoReport v2
 * asks of a service whose requests take attributes; `services/{code}` gives it).
 */
export function serviceOf(category: Category, language: Language): ServiceType {
  return {
    service_code: category.code,
    service_name: category.names[language],
    description: null,
    metadata: true,
    type: 'realtime',
    keywords: null,
    group: 'public',
  };
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'singlevaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export const PARISH_ATTRIBUTE = 'parish';
/** The codes of the attributes every service defines: a POST with any other is refused. */
export const SERVICE_ATTRIBUTES: readonly string[] = [PARISH_ATTRIBUTE];

/**
 * The one attribute a request may carry: its parish. Optional, as a position inside Rēzeknes novads
 * is enough to find it; needed when the request has only an address. `description` is its
 * explanation in the asked language.
 */
export function definitionOf(
  category: Category,
  parishes: readonly Parish[],
  language: Language,
  description: string,
) {
  const definition: Open311ServiceDefinition = {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: PARISH_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description,
        values: parishes.map((parish) => ({ key: parish.code, name: parish.names[language] })),
      },
    ],
  };
  return definition;
}

/** A public report as the repository reads it for Open311: the columns a public page shows. */
export interface PublicRequestRow {
  ref: string;
  categoryCode: string;
  parishCode: string;
  status: Status;
  closeReason: CloseReason | null;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** The report's own first photo that is not hidden, when it has one. */
  photoKey: string | null;
  /** Who wrote the words: only to mask their name and contact in them. */
  writer: Writer;
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** What a request needs besides its row: names in the asked language, and where photos are. */
export interface RequestContext {
  language: Language;
  publicUrl: string;
  categories: ReadonlyMap<string, Category>;
  parishes: ReadonlyMap<string, Parish>;
  /** The status (and the reason a report was closed) in words of the language. */
  statusNote: (status: Status, closeReason: CloseReason | null) => string;
  /** A resident's words with every email, phone, private link and a name they kept back masked. */
  scrub: (text: string, writer: Writer) => string;
}

export function requestOf(row: PublicRequestRow, context: RequestContext): Open311Request {
  const { language } = context;
  return {
    service_request_id: row.ref,
    status: open311Status(row.status),
    status_notes: context.statusNote(row.status, row.closeReason),
    service_name: context.categories.get(row.categoryCode)?.names[language] ?? null,
    service_code: row.categoryCode,
    description: fitDescription(context.scrub(row.description, row.writer)),
    agency_responsible: context.parishes.get(row.parishCode)?.names[language] ?? null,
    service_notice: null,
    requested_datetime: w3cDateTime(row.createdAt),
    updated_datetime: w3cDateTime(row.updatedAt),
    expected_datetime: null,
    address: context.scrub(row.location, row.writer) || null,
    address_id: null,
    zipcode: null,
    lat: publishedDegrees(row.lat),
    long: publishedDegrees(row.lon),
    media_url: row.photoKey ? `${context.publicUrl}/photos/${encodeURIComponent(row.photoKey)}` : null,
  };
}
