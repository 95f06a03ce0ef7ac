import type { Language } from '../domain/people';

/**
 * A report as every format renders it: the numbers are computed once, here, in the reader's language; the PDF, the
 * Markdown and the CSV files only lay them out, so that the three can never disagree (test/unit/reports.test.ts).
 */
export type Cell = string | number;

export interface ReportTable {
  /** The CSV file's name without `.csv` (`activities`), stable across languages. */
  readonly name: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ReportDocument {
  /** The file name without its extension (`annual-report-tl-2030-en`). */
  readonly fileName: string;
  readonly language: Language;
  readonly title: string;
  /** The network's name and what it is. */
  readonly subtitle: string;
  /** Draft or finalised, and when: what the reader must know before trusting a figure. */
  readonly status: string;
  readonly lines: readonly string[];
  readonly summary: { readonly title: string; readonly text: string } | null;
  readonly facts: {
    readonly title: string;
    readonly items: readonly { readonly label: string; readonly value: Cell }[];
  };
  readonly chart: {
    readonly title: string;
    readonly bars: readonly { readonly label: string; readonly value: number }[];
  };
  readonly tables: readonly ReportTable[];
  /** The texts of the page furniture ("Page {{page}} of {{pages}}"), in the reader's language. */
  readonly pageText: string;
}

export const REPORT_FORMATS = ['json', 'pdf', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report rendered in one format: what the API answers and the CLI writes. */
export interface RenderedReport {
  readonly body: Buffer;
  readonly contentType: string;
  /** What a download is saved as: `annual-report-tl-2030-en.pdf`, `annual-report-tl-2030-en-activities.csv`. */
  readonly fileName: string;
}
