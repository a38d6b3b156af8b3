import type { AuditRecord } from '../../audit/repository.js';
import type { Language } from '../../i18n/index.js';
import { formatWhen } from '../dates.js';

/** A row of the log as the page shows it: Riga time, and before/after as indented JSON. */
export interface AuditRowView {
  id: number;
  iso: string;
  when: string;
  staffId: number | null;
  staffName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
}

const readable = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value, null, 2);

export function auditRowView(record: AuditRecord, language: Language): AuditRowView {
  return {
    id: record.id,
    iso: record.at.toISOString(),
    when: formatWhen(record.at, language),
    staffId: record.staffId,
    staffName: record.staffName,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    before: readable(record.before),
    after: readable(record.after),
    ip: record.ip,
  };
}
