import { csvFiles } from './render-csv';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';
import type { RenderedReport, ReportDocument, ReportFormat } from './report-document';

export type { RenderedReport };

export { UnknownTableError } from './render-csv';

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
    case 'csv':
      return csvFiles(doc.tables, doc.fileName, table);
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
  'partner-engagement',
] as const;
