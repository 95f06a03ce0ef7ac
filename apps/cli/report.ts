import { writeFileSync } from 'node:fs';

import { Client as PgClient } from 'pg';

import { LANGUAGES, type Language } from '../../libs/domain/people';
import { engagementsByCategory, type EngagementByCategory } from '../../libs/persistence/engagements';
import { annualReportDocument, type CycleReport } from '../../libs/reports/annual-report-document';
import { ANNUAL_REPORT_TABLES, renderReport } from '../../libs/reports/render-report';
import { REPORT_FORMATS, type ReportFormat } from '../../libs/reports/report-document';

export const REPORT_USAGE = `  mignet report annual --network <code> --year <year> [--format pdf|md|csv|json] [--lang en|tet|pt]
        [--table <name>] [--out <file>|-]
        the year's annual report from DATABASE_URL's read models, rendered as the API renders it (PDF by default,
        in English by default; csv: every table zipped, or one with --table); written to the file the API would name
        (annual-report-tl-2030-en.pdf) in this directory, to --out, or to standard output with --out -
`;

export interface ReportFlags {
  readonly positional: readonly string[];
  readonly network?: string;
  readonly year?: string;
  readonly format?: string;
  readonly lang?: string;
  readonly table?: string;
  readonly out?: string;
}

/** `mignet report annual`: what it was asked is checked before the database is; every refusal names the flag. */
export async function report(
  flags: ReportFlags,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const refuse = (why: string) => (err.write(`${why}\n\n${REPORT_USAGE}`), 2);
  const format = (flags.format ?? 'pdf') as ReportFormat;
  const lang = (flags.lang ?? 'en') as Language;
  const year = Number(flags.year);
  if (!flags.network) return refuse('--network is needed (the network code, e.g. tl)');
  if (!Number.isInteger(year) || year < 2000 || year > 2999) return refuse('--year must be a year such as 2030');
  if (!REPORT_FORMATS.includes(format)) return refuse(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (!LANGUAGES.includes(lang)) return refuse(`--lang must be one of ${LANGUAGES.join(', ')}`);
  if (flags.table !== undefined && format !== 'csv')
    return refuse('--table names a CSV file: use it with --format csv');
  if (flags.table !== undefined && !(ANNUAL_REPORT_TABLES as readonly string[]).includes(flags.table))
    return refuse(`--table must be one of ${ANNUAL_REPORT_TABLES.join(', ')}`);
  const url = process.env.DATABASE_URL;
  if (!url) return refuse("Set DATABASE_URL to the PostgreSQL database of the network's read models.");

  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  let row: Record<string, unknown> | undefined;
  let engagement: EngagementByCategory[] = [];
  try {
    row = (
      await pg.query(
        `SELECT c.report, c.phase, c.calendar->>'timeZone' AS cycle_zone, n.name, n.country, n.time_zone
           FROM cycles c JOIN networks n ON n.code = c.network_code WHERE c.network_code = $1 AND c.year = $2`,
        [flags.network, year],
      )
    ).rows[0] as Record<string, unknown> | undefined;
    engagement = await engagementsByCategory(
      async (sql, params) => (await pg.query(sql, params)).rows as Record<string, unknown>[],
      flags.network,
      year,
    );
  } finally {
    await pg.end();
  }
  if (!row) {
    err.write(`Network "${flags.network}" has no ${year} cycle.\n`);
    return 1;
  }
  if (!row.report) {
    err.write(`The ${year} annual report is drafted when the year ends; the cycle is in ${String(row.phase)}.\n`);
    return 1;
  }
  const doc = annualReportDocument(
    row.report as CycleReport,
    {
      language: lang,
      timeZone: (row.cycle_zone as string | null) ?? (row.time_zone as string),
      networkName: (row.country as string | null) ?? (row.name as string),
    },
    engagement,
  );
  const file = await renderReport(doc, format, flags.table);
  if (flags.out === '-') {
    out.write(file.body);
    return 0;
  }
  const path = flags.out ?? file.fileName;
  writeFileSync(path, file.body);
  out.write(`${path}: ${file.contentType}, ${file.body.length} bytes\n`);
  return 0;
}
