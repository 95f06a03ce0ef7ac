import { GCM_OBJECTIVES } from '../domain/gcm-objectives';
import type { Impediment, TwgReport, TwgRoundStatus, TwgUpdate } from '../processes/twg-round/twg-round';
import type { ReportDocument } from './report-document';
import { reportWords, type ReportReader } from './report-words';

/** One TWG reporting round as its read model holds it, with its TWG. */
export interface TwgRoundFacts {
  readonly network: string;
  readonly twg: { readonly code: string; readonly name: string; readonly leadAgency: string };
  readonly year: number;
  readonly period: number;
  /** The TWG's member agencies, each asked for an update. */
  readonly members: readonly string[];
  readonly status: TwgRoundStatus;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** Each member's update; null where it was missing. */
  readonly updates: Readonly<Record<string, TwgUpdate | null>>;
  readonly report: TwgReport | null;
  readonly closedAt: string | null;
  readonly cancelledReason: string | null;
}

/**
 * A TWG's bi-monthly report (ToR, TWGs: "report every two months") as a document: the lead's summary, the members'
 * updates (and who sent none), the impediments of the report with what each is for.
 */
export function twgReportDocument(round: TwgRoundFacts, reader: ReportReader): ReportDocument {
  const { t, col, day, lastDay, status, table, fact, pageText } = reportWords(reader);
  // Every member asked, and anyone who answered though they left the TWG since.
  const members = [...new Set([...round.members, ...Object.keys(round.updates)])].sort();
  const sent = members.filter((m) => round.updates[m]);
  const missing = members.filter((m) => round.updates[m] === null);
  // The report's own list once the lead consolidated it; until then what the members reported.
  const impediments: readonly Impediment[] =
    round.report?.impediments ?? sent.flatMap((m) => round.updates[m]!.impediments);
  return {
    fileName: `twg-report-${round.network}-${round.twg.code}-${round.year}-P${round.period}-${reader.language}`,
    language: reader.language,
    title: t('twgTitle', { twg: round.twg.name }),
    subtitle: t('networkLine', { network: reader.networkName }),
    status:
      round.status === 'CLOSED' && round.closedAt
        ? t('twgClosed', { agency: round.twg.leadAgency, date: day(round.closedAt) })
        : round.status === 'CANCELLED'
          ? t('twgCancelled', { reason: round.cancelledReason ?? t('none') })
          : t('twgOpen', { status: status(round.status) }),
    lines: [
      t('twgPeriod', {
        period: String(round.period),
        year: String(round.year),
        start: day(round.periodStart),
        end: lastDay(round.periodEnd),
      }),
    ],
    summary: round.report ? { title: t('leadSummary'), text: round.report.summary } : null,
    facts: {
      title: t('facts'),
      items: [
        fact('members', members.length),
        fact('updatesSent', sent.length),
        fact('updatesMissing', missing.length),
        fact('impedimentsReported', impediments.length),
        fact('forNetwork', impediments.filter((i) => i.target === 'network').length),
        fact('forGovernment', impediments.filter((i) => i.target === 'government').length),
      ],
    },
    chart: {
      title: t('twgChart'),
      bars: GCM_OBJECTIVES.map((o) => ({
        label: String(o.number),
        value: impediments.filter((i) => i.gcmObjectives.includes(o.number)).length,
      })),
    },
    tables: [
      table(
        'updates',
        [col('agency'), col('update'), col('delivery'), col('impediments')],
        members.map((m) => {
          const u = round.updates[m];
          // No entry yet: the round still collects, and the member may send it.
          const said = u ? 'sent' : u === null ? 'missing' : 'pending';
          return [m, status(said), u?.delivery ?? t('none'), u?.impediments.length ?? 0];
        }),
      ),
      table(
        'report-impediments',
        [col('impediment'), col('severity'), col('gcm'), col('forWhom')],
        impediments.map((i) => [i.description, status(i.severity), i.gcmObjectives.join(', '), status(i.target)]),
      ),
    ],
    pageText,
  };
}
