import type { Translate } from '../../i18n/index.js';

/**
 * The audit log in words: an action's code named in the reader's language, and what changed as a
 * list of "field: before → after". Codes and fields the catalog does not know are shown as they
 * are (the raw JSON stays one click away), never an error.
 */

/** A catalog key of an action code: `category.update` → `admin.audit.actions.category_update`. */
export const actionKey = (code: string): string => `admin.audit.actions.${code.replace(/\./g, '_')}`;

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

/**
 * The fields whose values are codes with a name, and the catalogs that name them. Only these: a
 * free text that happens to read as a code (a ban's reason "duplicate", a key labelled "open")
 * is shown as it was written, as a log must.
 */
const CODE_CATALOGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['status', ['status.']],
  ['closeReason', ['closeReason.']],
  ['role', ['admin.staffRoles.', 'admin.contactRoles.']],
  ['kinds', ['help.kinds.']],
]);

/** A stored value of a field in words: yes/no, a code's name, a list joined, anything else as JSON. */
export function valueInWords(value: unknown, field: string, t: Translate): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return t(value ? 'admin.audit.values.yes' : 'admin.audit.values.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    for (const prefix of CODE_CATALOGS.get(field) ?? []) {
      const named = t(`${prefix}${value}`, { defaultValue: '' });
      if (named) return named;
    }
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
    return value.map((item) => valueInWords(item, field, t) ?? '—').join(', ');
  return JSON.stringify(value);
}

/** A field's name in words; an unknown one as stored. */
export const fieldInWords = (field: string, t: Translate): string =>
  field === '' ? '' : t(`admin.audit.changeFields.${field}`, { defaultValue: field });

/** What changed, in words, for the page. */
export function auditChanges(before: unknown, after: unknown, t: Translate): AuditChange[] {
  return changesOf(before, after).map((change) => ({
    field: fieldInWords(change.field, t),
    before: valueInWords(change.before, change.field, t),
    after: valueInWords(change.after, change.field, t),
  }));
}
