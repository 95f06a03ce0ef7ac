import { strToU8, zipSync } from 'fflate';

import type { Cell, RenderedReport, ReportTable } from './report-document';

/**
 * A CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. A text a spreadsheet would run as
 * a formula (`=…`, `+…`, `@…`, `-` before anything but a number) is kept as text by a leading apostrophe: the cells
 * hold what agencies typed.
 */
const field = (c: Cell) => {
  const s = typeof c === 'string' && /^([=+@\t\r]|-(?![\d.]))/.test(c) ? `'${c}` : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One table as CSV: a header row of column names, CRLF line ends, and (for people's spreadsheets, not for an importer)
 * a UTF-8 byte order mark so that a spreadsheet reads "Abríl" and "ção" as they are written.
 */
export function renderCsv(table: ReportTable, { bom = true } = {}): string {
  return `${bom ? '\uFEFF' : ''}${[table.columns, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Tables as their own CSV files in one zip archive (`activities.csv`, `gcm-coverage.csv`…). */
export function renderCsvArchive(tables: readonly ReportTable[], options: { bom?: boolean } = {}): Uint8Array {
  // A fixed time: the same report gives the same archive, byte for byte.
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(
    Object.fromEntries(tables.map((t) => [`${t.name}.csv`, [strToU8(renderCsv(t, options)), { mtime }]])),
    {
      level: 6,
    },
  );
}

/** The CSV answer: one table when it is named, every table zipped when none is. */
export function csvFiles(
  tables: readonly ReportTable[],
  fileName: string,
  table?: string,
  options: { bom?: boolean } = {},
): RenderedReport {
  if (table === undefined)
    return {
      body: Buffer.from(renderCsvArchive(tables, options)),
      contentType: 'application/zip',
      fileName: `${fileName}-csv.zip`,
    };
  const one = tables.find((t) => t.name === table);
  if (!one)
    throw new UnknownTableError(
      table,
      tables.map((t) => t.name),
    );
  return {
    body: Buffer.from(renderCsv(one, options)),
    contentType: 'text/csv; charset=utf-8',
    fileName: `${fileName}-${table}.csv`,
  };
}

export class UnknownTableError extends Error {
  constructor(
    readonly table: string,
    readonly tables: readonly string[],
  ) {
    super(`the report has no table "${table}": it has ${tables.join(', ')}`);
  }
}
