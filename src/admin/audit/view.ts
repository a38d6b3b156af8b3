import type { AuditRecord } from '../../audit/repository.js';
import { formatWhen } from '../dates.js';
import { actionKey, auditChanges, objectTypeInWords, type AuditChange, type AuditReader } from './words.js';

/**
 * A row of the log as the page shows it: Riga time, the action in words, what changed in words,
 * and before/after as indented JSON for whoever needs the record as stored.
 */
export interface AuditRowView {
  id: number;
  iso: string;
  when: string;
  staffId: number | null;
  staffName: string | null;
  action: string;
  actionName: string;
  changes: AuditChange[];
  objectType: string | null;
  /** The object's type in the reader's words. */
  objectTypeName: string | null;
  objectId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
}

const readable = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value, null, 2);

export function auditRowView(record: AuditRecord, reader: AuditReader): AuditRowView {
  const { t } = reader;
  const objectType = record.objectType ?? '';
  return {
    id: record.id,
    iso: record.at.toISOString(),
    when: formatWhen(record.at, reader.language),
    staffId: record.staffId,
    staffName: record.staffName,
    action: record.action,
    actionName: t(actionKey(record.action), { defaultValue: record.action }),
    changes: auditChanges(record.before, record.after, reader, objectType),
    objectType: record.objectType,
    objectTypeName: record.objectType === null ? null : objectTypeInWords(record.objectType, t),
    objectId: record.objectId,
    before: readable(record.before),
    after: readable(record.after),
    ip: record.ip,
  };
}
