import { strToU8, zipSync } from 'fflate';

import type { Cell, ReportDocument, ReportTable } from './report-document';

/** A CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. */
const field = (c: Cell) => {
  const s = String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One table as CSV: a header row of column names, CRLF line ends, and a UTF-8 byte order mark so that a spreadsheet
 * reads "Abríl" and "ção" as they are written.
 */
export function renderCsv(table: ReportTable): string {
  return `\uFEFF${[table.columns, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Every table of the report as its own CSV file, in one zip archive (`activities.csv`, `gcm-coverage.csv`…). */
export function renderCsvArchive(doc: ReportDocument): Uint8Array {
  // A fixed time: the same report gives the same archive, byte for byte.
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(doc.tables.map((t) => [`${t.name}.csv`, [strToU8(renderCsv(t)), { mtime }]])), {
    level: 6,
  });
}
