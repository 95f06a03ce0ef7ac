import type { Language } from '../domain/people';
import { formatDate, translate } from '../notifications/messages';
import type { Cell, ReportTable } from './report-document';

/** Who reads a report: their language, and the network's time zone (every date is the day it was there). */
export interface ReportReader {
  readonly language: Language;
  readonly timeZone: string;
  readonly networkName: string;
}

/** The words every report is written with, in the reader's language (`reportFile.*` of the locales). */
export function reportWords({ language, timeZone }: ReportReader) {
  const t = (key: string, values: Record<string, string> = {}) => translate(language, `reportFile.${key}`, values);
  const col = (key: string, values?: Record<string, string>) => t(`column.${key}`, values);
  return {
    t,
    col,
    day: (iso: string | Date | null | undefined): string =>
      iso ? formatDate(typeof iso === 'string' ? iso : iso.toISOString(), language, timeZone) : t('none'),
    /** The last day of a period whose end is the next one's first instant. */
    lastDay: (end: string): string => formatDate(new Date(Date.parse(end) - 1).toISOString(), language, timeZone),
    /** A status word; one the locales do not know is shown as it is. */
    status: (s: string) => {
      const text = t(`status.${s}`);
      return text === `reportFile.status.${s}` ? s : text;
    },
    table: (name: string, columns: string[], rows: Cell[][]): ReportTable => ({
      name,
      title: t(`table.${name}`),
      columns,
      rows,
    }),
    fact: (key: string, value: Cell) => ({ label: t(`fact.${key}`), value }),
    quarters: [1, 2, 3, 4].map((n) => col('quarter', { n: String(n) })),
    pageText: t('page', { page: '{{page}}', pages: '{{pages}}' }),
  };
}
