import { csvDocument, type CsvValue } from '../web/csv.js';
import type { AddressData } from './address-data.js';

/*
 * An address's data as the resident takes it away (`address-data.ts`): JSON, and CSV with one line
 * a value (part, the item's number in its part, the field, the value), so that every part reads in
 * one sheet whatever its columns. Dates are ISO 8601 in UTC; codes stay codes.
 */

export type AddressExportFormat = 'json' | 'csv';
export const ADDRESS_EXPORT_FORMATS: readonly AddressExportFormat[] = ['json', 'csv'];

const PARTS = ['reports', 'updates', 'follows', 'alerts', 'emails', 'mail'] as const;

export function addressJson(address: string, data: AddressData, exportedAt: Date): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), address, ...data }, null, 2)}\n`;
}

export function addressCsv(address: string, data: AddressData, exportedAt: Date): string {
  const lines: CsvValue[][] = [
    ['address', null, 'email', address],
    ['address', null, 'exported_at', exportedAt.toISOString()],
  ];
  for (const part of PARTS)
    data[part].forEach((row, index) => {
      for (const [field, value] of Object.entries(row)) lines.push([part, index + 1, field, value]);
    });
  return csvDocument(['part', 'item', 'field', 'value'], lines);
}
