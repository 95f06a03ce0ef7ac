import { indicatorValue, quarterReport } from '../processes/annual-cycle/annual-cycle';
import type { ReportDocument } from './report-document';
import { reportWords, type ReportReader } from './report-words';
import type { MeasuredPlanActivity } from './un-info-export';

/** What the read models hold of one quarter of a network's year. */
export interface QuarterFacts {
  readonly network: string;
  readonly year: number;
  readonly quarter: number;
  readonly start: string;
  readonly end: string;
  readonly activities: readonly MeasuredPlanActivity[];
  /** The meetings scheduled in the quarter. */
  readonly meetings: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly scheduledAt: string;
    readonly heldAt: string | null;
    readonly adoptedAt: string | null;
    readonly decisions: readonly string[];
  }[];
  /** The year's TWG rounds: the table lists those whose period ended in the quarter, the figure those closed in it. */
  readonly rounds: readonly {
    readonly twg: string;
    readonly period: number;
    readonly periodEnd: string;
    readonly status: string;
    readonly sent: number;
    readonly missing: number;
    readonly closedAt: string | null;
  }[];
  readonly openImpediments: readonly {
    readonly twg: string;
    readonly description: string;
    readonly severity: string;
    readonly target: string;
    readonly status: string;
    readonly raisedAt: string;
  }[];
}

const STATUSES = ['on-track', 'delayed', 'completed', 'cancelled', 'not-reported'] as const;

/**
 * The quarterly Network update (ToR objective 9: "update … on a regular basis"): each activity's progress and
 * indicators in the quarter, the meetings held, the TWG rounds that ended and the impediments still open.
 */
export function quarterlyUpdateDocument(q: QuarterFacts, reader: ReportReader): ReportDocument {
  const { t, col, day, lastDay, status, table, fact, pageText } = reportWords(reader);
  const lastReport = (a: MeasuredPlanActivity) => quarterReport(a.progress, q.quarter);
  // An activity reported completed or cancelled earlier is asked nothing more: it stays what it was reported.
  const statusOf = (a: MeasuredPlanActivity) =>
    lastReport(a)?.status ??
    a.progress.filter((r) => r.quarter < q.quarter && (r.status === 'completed' || r.status === 'cancelled')).at(-1)
      ?.status ??
    'not-reported';
  const count = (s: string) => q.activities.filter((a) => statusOf(a) === s).length;
  const inQuarter = (iso: string | null) => iso !== null && iso >= q.start && iso < q.end;
  return {
    fileName: `network-update-${q.network}-${q.year}-Q${q.quarter}-${reader.language}`,
    language: reader.language,
    title: t('quarterTitle', { quarter: String(q.quarter), year: String(q.year) }),
    subtitle: t('networkLine', { network: reader.networkName }),
    status: t('quarterPeriod', { start: day(q.start), end: lastDay(q.end) }),
    lines: [],
    summary: null,
    facts: {
      title: t('facts'),
      items: [
        fact('activities', q.activities.length),
        fact('reported', q.activities.filter((a) => lastReport(a)).length),
        fact('onTrack', count('on-track')),
        fact('delayed', count('delayed')),
        fact('completed', count('completed')),
        fact('meetingsInQuarter', q.meetings.filter((m) => inQuarter(m.heldAt)).length),
        fact('roundsClosed', q.rounds.filter((r) => inQuarter(r.closedAt)).length),
        fact('impedimentsOpen', q.openImpediments.length),
      ],
    },
    chart: { title: t('quarterChart'), bars: STATUSES.map((s) => ({ label: status(s), value: count(s) })) },
    tables: [
      table(
        'quarter-activities',
        [col('id'), col('title'), col('lead'), col('milestone'), col('state'), col('note')],
        q.activities.map((a) => [
          a.id,
          a.title,
          a.leadAgency,
          a.milestones[q.quarter - 1] || t('none'),
          status(statusOf(a)),
          lastReport(a)?.note ?? t('none'),
        ]),
      ),
      table(
        'quarter-indicators',
        [col('activity'), col('indicator'), col('baseline'), col('value'), col('target')],
        q.activities.flatMap((a) =>
          a.indicators.map((i) => [
            a.id,
            i.name,
            i.baseline,
            indicatorValue(a.progress, q.quarter, i.name) ?? t('none'),
            i.target,
          ]),
        ),
      ),
      table(
        'meetings',
        [col('meeting'), col('title'), col('state'), col('scheduled'), col('held'), col('adopted'), col('decisions')],
        q.meetings.map((m) => [
          m.id,
          m.title,
          status(m.status),
          day(m.scheduledAt),
          day(m.heldAt),
          day(m.adoptedAt),
          m.decisions.length,
        ]),
      ),
      table(
        'twg-rounds',
        [col('twg'), col('period'), col('state'), col('updatesSent'), col('updatesMissing')],
        q.rounds
          .filter((r) => r.periodEnd > q.start && r.periodEnd <= q.end)
          .map((r) => [r.twg, r.period, status(r.status), r.sent, r.missing]),
      ),
      table(
        'open-impediments',
        [col('twg'), col('impediment'), col('severity'), col('forWhom'), col('state'), col('raised')],
        q.openImpediments.map((i) => [
          i.twg,
          i.description,
          status(i.severity),
          status(i.target),
          status(i.status),
          day(i.raisedAt),
        ]),
      ),
    ],
    pageText,
  };
}
