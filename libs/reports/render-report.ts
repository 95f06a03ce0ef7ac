import { renderCsv, renderCsvArchive } from './render-csv';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';
import type { ReportDocument, ReportFormat } from './report-document';

export interface RenderedReport {
  readonly body: Buffer;
  readonly contentType: string;
  /** What a download is saved as: `annual-report-tl-2030-en.pdf`, `annual-report-tl-2030-en-activities.csv`. */
  readonly fileName: string;
}

/**
 * A report in one format, as the API answers it and the CLI writes it: JSON is the document itself (every number the
 * other formats show), CSV one table when it is named and every table zipped when none is.
 */
export async function renderReport(doc: ReportDocument, format: ReportFormat, table?: string): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return {
        body: Buffer.from(JSON.stringify(doc)),
        contentType: 'application/json; charset=utf-8',
        fileName: `${doc.fileName}.json`,
      };
    case 'pdf':
      return { body: await renderPdf(doc), contentType: 'application/pdf', fileName: `${doc.fileName}.pdf` };
    case 'md':
      return {
        body: Buffer.from(renderMarkdown(doc)),
        contentType: 'text/markdown; charset=utf-8',
        fileName: `${doc.fileName}.md`,
      };
    case 'csv': {
      if (table === undefined)
        return {
          body: Buffer.from(renderCsvArchive(doc)),
          contentType: 'application/zip',
          fileName: `${doc.fileName}-csv.zip`,
        };
      const one = doc.tables.find((t) => t.name === table);
      if (!one)
        throw new UnknownTableError(
          table,
          doc.tables.map((t) => t.name),
        );
      return {
        body: Buffer.from(renderCsv(one)),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${doc.fileName}-${table}.csv`,
      };
    }
  }
}

export class UnknownTableError extends Error {
  constructor(
    readonly table: string,
    readonly tables: readonly string[],
  ) {
    super(`the report has no table "${table}": it has ${tables.join(', ')}`);
  }
}

/** The tables every annual report has, whatever its year held (CSV names; the API documents them). */
export const ANNUAL_REPORT_TABLES = [
  'activities',
  'indicators',
  'gcm-coverage',
  'tasks-by-agency',
  'revisions',
  'meetings',
  'action-items',
  'twg-updates',
  'government-issues',
] as const;
