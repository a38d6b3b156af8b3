import assert from 'node:assert/strict';

/** RFC 4180 as csvDocument writes it: every cell quoted, quotes doubled, CRLF after each row. */
export function parseCsv(text: string): string[][] {
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
  const rows: string[][] = [];
  const cell = /"((?:[^"]|"")*)"(,|\r\n)/gy;
  let row: string[] = [];
  let match: RegExpExecArray | null;
  cell.lastIndex = 1;
  while ((match = cell.exec(text))) {
    row.push(match[1]!.replace(/""/g, '"'));
    if (match[2] === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  assert.equal(cell.lastIndex === 0 ? text.length : cell.lastIndex, text.length, 'the whole file parses');
  return rows;
}

export interface JsonReport {
  ref: string;
  url: string;
  status: string;
  category_name: string;
  parish_name: string;
  created_at: string;
  confirmed_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  lat: number | null;
  lon: number | null;
  title: string;
  description: string;
  updates: { at: string; by: string; status: string | null; text: string }[];
}

export const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
