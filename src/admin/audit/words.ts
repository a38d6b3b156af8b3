import type { Language, Translate } from '../../i18n/index.js';
import { LANGUAGES } from '../../i18n/index.js';
import { heldReasonInWords } from '../../reports/held-reason.js';
import { formatWhen } from '../dates.js';
import { CODE_WORDS, FIELD_CODES } from './codes.js';

/**
 * The audit log in words: an action's code and an object's type named in the reader's language,
 * and what changed as a list of "field: before → after", each field and each coded value in words
 * (src/audit/fields.ts lists every field an entry may hold). A code, field or type the catalog
 * does not know is shown as it is (the raw JSON stays one click away), never an error.
 */

/** A catalog key of an action code: `category.update` → `admin.audit.actions.category_update`. */
export const actionKey = (code: string): string => `admin.audit.actions.${code.replace(/\./g, '_')}`;

/** The names of what the log refers to by code or id, in the reader's language (undefined: unknown). */
export interface AuditNames {
  category(code: string): string | undefined;
  parish(code: string): string | undefined;
  apvieniba(code: string): string | undefined;
  staff(id: number): string | undefined;
  /** A routing contact by its id or its code. */
  contact(idOrCode: number | string): string | undefined;
}

/** Who reads the log: their words, their language, and the names of things in it. */
export interface AuditReader {
  t: Translate;
  language: Language;
  names: AuditNames;
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields that differ between before and after, in the order they first appear. A creation
 * (no before) lists what was set, a removal (no after) what was there; a value that is not an
 * object stands as one change without a field.
 */
export function changesOf(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown }[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after)))
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  const was = hasBefore ? (before as Record<string, unknown>) : {};
  const is = hasAfter ? (after as Record<string, unknown>) : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return fields
    .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]))
    .map((field) => ({ field, before: was[field], after: is[field] }));
}

/** A field that names a thing by its code or id: said by its name (the code itself when unknown). */
const NAMED: ReadonlyMap<string, (value: string | number, names: AuditNames) => string | undefined> = new Map<
  string,
  (value: string | number, names: AuditNames) => string | undefined
>([
  ['category', (value, names) => names.category(String(value))],
  ['categoryCode', (value, names) => names.category(String(value))],
  ['parish', (value, names) => names.parish(String(value))],
  ['parishCode', (value, names) => names.parish(String(value))],
  ['apvienibaCode', (value, names) => names.apvieniba(String(value))],
  ['assignedStaffId', (value, names) => (typeof value === 'number' ? names.staff(value) : undefined)],
  ['contactId', (value, names) => names.contact(value)],
  ['contacts', (value, names) => names.contact(value)],
]);

/** Fields that hold a moment (written as an ISO string): said as the log's other times are. */
const MOMENTS: ReadonlySet<string> = new Set([
  'hiddenAt',
  'handledAt',
  'liftedAt',
  'revokedAt',
  'bouncingSince',
  'nextAttemptAt',
]);

/** What an abuse report was about: `report`, `update:<id>` or `photo:<id>`. */
function aboutInWords(value: string, t: Translate): string {
  const [kind, id] = value.split(':');
  if (kind === 'report' && id === undefined) return t('admin.audit.codes.about.report');
  if ((kind === 'update' || kind === 'photo') && id) return t(`admin.audit.codes.about.${kind}`, { id });
  return value;
}

/** A string value of a field in words: a code's name, a thing's name, a moment; else as written. */
function textInWords(value: string, field: string, objectType: string, reader: AuditReader): string {
  const { t } = reader;
  const set = FIELD_CODES.get(`${objectType}:${field}`) ?? FIELD_CODES.get(field);
  if (set) {
    const words = CODE_WORDS[set];
    return words.codes.includes(value) ? t(words.key(value), { defaultValue: value }) : value;
  }
  if (field === 'about') return aboutInWords(value, t);
  // Why a report was held, kept in Tilts's own words (`ban #12: address …`): said in the reader's.
  if (field === 'held') return heldReasonInWords(value, t);
  if (MOMENTS.has(field) && !Number.isNaN(Date.parse(value)))
    return formatWhen(new Date(value), reader.language);
  return NAMED.get(field)?.(value, reader.names) ?? value;
}

/** A category's names, one per language: "Latviešu: Ceļi; English: Roads; Русский: Дороги". */
function namesInWords(value: Record<string, unknown>, t: Translate): string | undefined {
  const given = LANGUAGES.filter((language) => typeof value[language] === 'string');
  if (given.length === 0) return undefined;
  return given.map((language) => `${t(`languages.${language}`)}: ${String(value[language])}`).join('; ');
}

/**
 * A stored value of a field in words: yes/no, a code's name, a thing's name instead of its code or
 * id, a moment in Riga time, a list joined; anything else as JSON. `objectType` is the entry's (a
 * help offer's status is not a report's).
 */
export function valueInWords(
  value: unknown,
  field: string,
  reader: AuditReader,
  objectType = '',
): string | null {
  const { t } = reader;
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return t(value ? 'admin.audit.values.yes' : 'admin.audit.values.no');
  if (typeof value === 'number') return NAMED.get(field)?.(value, reader.names) ?? String(value);
  if (typeof value === 'string') return textInWords(value, field, objectType, reader);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
    return value.map((item) => valueInWords(item, field, reader, objectType) ?? '—').join(', ') || '—';
  if (field === 'names' && isRecord(value)) return namesInWords(value, t) ?? JSON.stringify(value);
  return JSON.stringify(value);
}

/** A field's name in words; an unknown one as stored. */
export const fieldInWords = (field: string, t: Translate): string =>
  field === '' ? '' : t(`admin.audit.changeFields.${field}`, { defaultValue: field });

/** An object's type in words (`help_offer` → "Offer of help"); an unknown one as stored. */
export const objectTypeInWords = (type: string, t: Translate): string =>
  t(`admin.audit.objectTypes.${type}`, { defaultValue: type });

/** What changed, in words, for the page. */
export function auditChanges(
  before: unknown,
  after: unknown,
  reader: AuditReader,
  objectType = '',
): AuditChange[] {
  return changesOf(before, after).map((change) => ({
    field: fieldInWords(change.field, reader.t),
    before: valueInWords(change.before, change.field, reader, objectType),
    after: valueInWords(change.after, change.field, reader, objectType),
  }));
}
