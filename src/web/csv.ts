/*
 * CSV as spreadsheets read it safely (RFC 4180): every cell quoted, quotes doubled, and a value a
 * spreadsheet would run as a formula (`=…`, `@…`, `+A1`, a leading tab) starts with an apostrophe.
 * A phone number (`+371 …`) stays as it was typed. UTF-8 with a byte-order mark, CRLF lines.
 */

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  const formula = /^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-][\d\s()-]*$/.test(text));
  return `"${(formula ? `'${text}` : text).replace(/"/g, '""')}"`;
}

/** A whole document: a header row, then the rows. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Rows only (no mark, no header): what follows `csvDocument(header, [])` when a long one is streamed. */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
