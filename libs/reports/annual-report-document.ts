import type { Actor } from '../domain/roles';
import { GCM_OBJECTIVES } from '../domain/gcm-objectives';
import type { AnnualReport } from '../processes/annual-cycle/annual-report-types';
import type { EngagementByCategory } from '../persistence/engagements';
import type { ReportDocument, ReportTable } from './report-document';
import { reportWords, type ReportReader } from './report-words';

export type { ReportReader };

/** The annual report as the cycle keeps it: drafted when the year ends, then finalised by the coordinator. */
export type CycleReport = AnnualReport & {
  readonly finalisedAt?: string | null;
  readonly finalisedBy?: Actor | null;
  readonly summary?: string | null;
};

/**
 * The annual report (ToR objective 9) as a document: the figures of the year, the GCM coverage chart and one table
 * per part, in the reader's language. Every format renders this and nothing else.
 */
export function annualReportDocument(
  report: CycleReport,
  reader: ReportReader,
  engagement: readonly EngagementByCategory[] = [],
): ReportDocument {
  const { language } = reader;
  const { t, col, day, status, table, fact, quarters, pageText } = reportWords(reader);

  const activities = report.activities;
  const year = report.networkYear;
  const covered = report.gcmCoverage.filter((c) => c.activities.length > 0).length;
  const sum = (pick: (a: AnnualReport['tasksByAgency'][number]) => number) =>
    report.tasksByAgency.reduce((n, a) => n + pick(a), 0);

  const tables: ReportTable[] = [
    table(
      'activities',
      [col('id'), col('title'), col('lead'), col('gcm'), ...quarters, col('status')],
      activities.map((a) => [
        a.id,
        a.title,
        a.leadAgency,
        a.gcmObjectives.join(', '),
        ...a.quarters.map((q) => (q.late ? t('late', { status: status(q.status) }) : status(q.status))),
        status(a.status),
      ]),
    ),
    table(
      'indicators',
      [col('activity'), col('indicator'), col('baseline'), ...quarters, col('target')],
      activities.flatMap((a) =>
        (a.indicators ?? []).map((i) => [a.id, i.name, i.baseline, ...i.actuals.map((v) => v ?? t('none')), i.target]),
      ),
    ),
    table(
      'gcm-coverage',
      [col('objective'), col('title'), col('count'), col('activityIds')],
      report.gcmCoverage.map((c) => [c.objective, c.title, c.activities.length, c.activities.join(', ')]),
    ),
    table(
      'tasks-by-agency',
      [col('agency'), col('completed'), col('late'), col('missed'), col('cancelled')],
      report.tasksByAgency.map((a) => [a.agency, a.completed, a.late, a.missed, a.cancelled]),
    ),
    table(
      'revisions',
      [col('revision'), col('submitted'), col('objections'), col('objectors')],
      report.revisions.map((r) => [
        r.revision,
        day(r.submittedAt),
        r.objections.length,
        [...new Set(r.objections.map((o) => o.agency))].join(', '),
      ]),
    ),
    // A cycle that ran no meetings or rounds has these tables too, empty: every report has the same files.
    table(
      'meetings',
      [col('meeting'), col('title'), col('state'), col('scheduled'), col('held'), col('adopted'), col('decisions')],
      (year?.meetings ?? []).map((m) => [
        m.id,
        m.title,
        status(m.status),
        day(m.scheduledAt),
        day(m.heldAt),
        day(m.minutesAdoptedAt),
        m.decisions.length,
      ]),
    ),
    table(
      'action-items',
      [col('agency'), col('done'), col('doneLate'), col('open'), col('overdue'), col('dropped')],
      (year?.actionItemsByAgency ?? []).map((a) => [a.agency, a.done, a.doneLate, a.open, a.overdue, a.dropped]),
    ),
    table(
      'twg-updates',
      [col('agency'), col('updatesSent'), col('updatesMissing')],
      (year?.twgUpdatesByAgency ?? []).map((a) => [a.agency, a.submitted, a.missed]),
    ),
    table(
      'government-issues',
      [col('id'), col('twg'), col('description'), col('state')],
      (year?.governmentIssues ?? []).map((i) => [i.id, i.twg, i.description, status(i.status)]),
    ),
    // ToR objective 8: whom the Network engaged, by category (a partner is of one category, so the counts add up).
    table(
      'partner-engagement',
      [col('category'), col('partnersEngaged'), col('engagements')],
      engagement.map((e) => [t(`category.${e.category}`), e.partners, e.engagements]),
    ),
  ];

  return {
    fileName: `annual-report-${report.network}-${report.year}-${language}`,
    language,
    title: t('annualTitle', { year: String(report.year) }),
    subtitle: t('networkLine', { network: reader.networkName }),
    status: report.finalisedAt
      ? t('finalised', { date: day(report.finalisedAt), agency: report.finalisedBy?.agency ?? t('none') })
      : t('draft', { date: day(report.draftedAt) }),
    lines: [
      report.endorsedAt && report.planRevision !== null
        ? t('period', { revision: String(report.planRevision), date: day(report.endorsedAt) })
        : t('noPlan'),
      ...(report.uncoveredGcmObjectives.length > 0
        ? [t('uncovered', { list: report.uncoveredGcmObjectives.join(', ') })]
        : []),
    ],
    summary: report.summary ? { title: t('summary'), text: report.summary } : null,
    facts: {
      title: t('facts'),
      items: [
        fact('activities', activities.length),
        fact('completed', activities.filter((a) => a.status === 'completed').length),
        fact('delayed', activities.filter((a) => a.status === 'delayed').length),
        fact('notReported', activities.filter((a) => a.status === 'not-reported').length),
        fact('gcmCovered', covered),
        fact(
          'tasksCompleted',
          sum((a) => a.completed),
        ),
        fact(
          'tasksLate',
          sum((a) => a.late),
        ),
        fact(
          'tasksMissed',
          sum((a) => a.missed),
        ),
        fact('revisions', report.revisions.length),
        fact(
          'partnersEngaged',
          engagement.reduce((n, e) => n + e.partners, 0),
        ),
        ...(year
          ? [
              fact('meetings', year.meetings.filter((m) => m.heldAt !== null).length),
              fact('impedimentsRaised', year.impediments.raised),
              fact('impedimentsResolved', year.impediments.resolved),
            ]
          : []),
      ],
    },
    chart: {
      title: t('chart'),
      bars: GCM_OBJECTIVES.map((o) => ({
        label: String(o.number),
        value: report.gcmCoverage.find((c) => c.objective === o.number)?.activities.length ?? 0,
      })),
    },
    tables,
    pageText,
  };
}
