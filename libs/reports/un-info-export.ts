import type { ActivityStatus, PlanActivity } from '../processes/annual-cycle/work-plan';
import { indicatorValue, type ProgressReport } from '../processes/annual-cycle/annual-cycle';
import { csvFiles } from './render-csv';
import type { Cell, RenderedReport, ReportTable } from './report-document';

/** An endorsed plan's activity as the read model holds it: the plan's fields, its progress and latest status. */
export type MeasuredPlanActivity = PlanActivity & {
  readonly status: ActivityStatus | null;
  readonly progress: readonly ProgressReport[];
};

/**
 * The year's work plan shaped for UN INFO (the UN's planning and reporting system for Cooperation Frameworks): one
 * entry per activity with its lead and partners, GCM and Network objectives, SDG targets, markers, geography, budget,
 * and its indicators with baseline, target and the value reported each quarter. Machine names, stable across
 * languages: this is for import, not for reading.
 */
export interface UnInfoExport {
  readonly network: string;
  readonly year: number;
  readonly planRevision: number;
  readonly endorsedAt: string;
  readonly activities: readonly UnInfoActivity[];
}

export interface UnInfoActivity {
  readonly activityId: string;
  readonly title: string;
  readonly description: string;
  readonly leadAgency: string;
  readonly partnerAgencies: readonly string[];
  readonly gcmObjectives: readonly number[];
  readonly networkObjective: number;
  readonly twg: string | null;
  readonly sdgTargets: readonly string[];
  readonly genderMarker: number | null;
  readonly humanRightsMarker: number | null;
  readonly geography: readonly string[];
  readonly budgetPlannedUsd: number | null;
  readonly budgetAvailableUsd: number | null;
  /** The latest progress report's spending to date; null until one gives it. */
  readonly budgetSpentUsd: number | null;
  readonly status: ActivityStatus | null;
  readonly milestones: readonly string[];
  readonly indicators: readonly {
    readonly name: string;
    readonly baseline: string;
    readonly target: string;
    /** Q1–Q4: the value the quarter's last report gave, null where it gave none. */
    readonly actuals: readonly (string | null)[];
  }[];
}

/** The columns of `activities.csv`, in order, with what each holds (the README and the OpenAPI document list them). */
export const UN_INFO_ACTIVITY_COLUMNS: readonly (readonly [string, string])[] = [
  ['activity_id', "The plan's activity id (A1): stable across revisions"],
  ['title', 'The activity, in a line'],
  ['description', 'What it does and for whom'],
  ['lead_agency', 'The member agency that leads it'],
  ['partner_agencies', 'Other agencies and partners, separated by "; "'],
  ['gcm_objectives', 'GCM objectives (1–23), separated by "; "'],
  ['network_objective', "The Network's own objective (1–9 for Timor-Leste)"],
  ['twg', 'The Technical Working Group that carries it, if one does'],
  ['sdg_targets', 'SDG targets (10.7), separated by "; "'],
  ['gender_equality_marker', 'The UN gender equality marker, 0–3 (empty: not given)'],
  ['human_rights_marker', 'The UN human rights marker, 0–3 (empty: not given)'],
  ['geography', 'National, or the municipalities, separated by "; "'],
  ['budget_planned_usd', 'Planned for the year, USD'],
  ['budget_available_usd', 'Available (funded), USD'],
  ['budget_spent_usd', 'Spent so far, USD, from the latest progress report that says'],
  ['status', 'on-track, delayed, completed or cancelled, from the latest progress report (empty: none yet)'],
  ['milestone_q1', "Q1's milestone"],
  ['milestone_q2', "Q2's milestone"],
  ['milestone_q3', "Q3's milestone"],
  ['milestone_q4', "Q4's milestone"],
];

/** The columns of `indicators.csv`: one row per indicator of each activity. */
export const UN_INFO_INDICATOR_COLUMNS: readonly (readonly [string, string])[] = [
  ['activity_id', 'The activity it measures'],
  ['indicator', "The indicator's name in the plan"],
  ['baseline', 'Its baseline'],
  ['target', 'Its target for the year'],
  ['actual_q1', "The value Q1's report gave (empty: none)"],
  ['actual_q2', "The value Q2's report gave"],
  ['actual_q3', "The value Q3's report gave"],
  ['actual_q4', "The value Q4's report gave"],
];

export function unInfoExport(
  plan: { network: string; year: number; revision: number; endorsedAt: string },
  activities: readonly MeasuredPlanActivity[],
): UnInfoExport {
  return {
    network: plan.network,
    year: plan.year,
    planRevision: plan.revision,
    endorsedAt: plan.endorsedAt,
    activities: activities.map((a) => {
      const spent = [...a.progress].reverse().find((r) => r.spent !== undefined)?.spent ?? null;
      return {
        activityId: a.id,
        title: a.title,
        description: a.description,
        leadAgency: a.leadAgency,
        partnerAgencies: a.partnerAgencies,
        gcmObjectives: a.gcmObjectives,
        networkObjective: a.networkObjective,
        twg: a.twg ?? null,
        sdgTargets: a.sdgTargets ?? [],
        genderMarker: a.genderMarker ?? null,
        humanRightsMarker: a.humanRightsMarker ?? null,
        geography: a.geography ?? [],
        budgetPlannedUsd: a.budget?.planned ?? null,
        budgetAvailableUsd: a.budget?.available ?? null,
        budgetSpentUsd: spent,
        status: a.status,
        milestones: a.milestones,
        indicators: a.indicators.map((i) => ({
          name: i.name,
          baseline: i.baseline,
          target: i.target,
          actuals: [1, 2, 3, 4].map((q) => indicatorValue(a.progress, q, i.name)),
        })),
      };
    }),
  };
}

const list = (xs: readonly (string | number)[]) => xs.join('; ');
const cell = (v: string | number | null): Cell => v ?? '';

/** The export's two tables, with the documented columns. */
export function unInfoTables(x: UnInfoExport): ReportTable[] {
  return [
    {
      name: 'activities',
      title: 'activities',
      columns: UN_INFO_ACTIVITY_COLUMNS.map(([c]) => c),
      rows: x.activities.map((a) => [
        a.activityId,
        a.title,
        a.description,
        a.leadAgency,
        list(a.partnerAgencies),
        list(a.gcmObjectives),
        a.networkObjective,
        cell(a.twg),
        list(a.sdgTargets),
        cell(a.genderMarker),
        cell(a.humanRightsMarker),
        list(a.geography),
        cell(a.budgetPlannedUsd),
        cell(a.budgetAvailableUsd),
        cell(a.budgetSpentUsd),
        cell(a.status),
        ...[0, 1, 2, 3].map((q) => a.milestones[q] ?? ''),
      ]),
    },
    {
      name: 'indicators',
      title: 'indicators',
      columns: UN_INFO_INDICATOR_COLUMNS.map(([c]) => c),
      rows: x.activities.flatMap((a) =>
        a.indicators.map((i) => [a.activityId, i.name, i.baseline, i.target, ...i.actuals.map(cell)]),
      ),
    },
  ];
}

export const UN_INFO_FORMATS = ['json', 'csv'] as const;
export const UN_INFO_TABLES = ['activities', 'indicators'] as const;

/** The export as JSON (nested, every field) or CSV (the two tables zipped, or one). */
export function renderUnInfo(
  x: UnInfoExport,
  format: (typeof UN_INFO_FORMATS)[number],
  table?: string,
): RenderedReport {
  const fileName = `un-info-${x.network}-${x.year}`;
  if (format === 'json')
    return {
      body: Buffer.from(JSON.stringify(x)),
      contentType: 'application/json; charset=utf-8',
      fileName: `${fileName}.json`,
    };
  return csvFiles(unInfoTables(x), fileName, table, { bom: false }); // for an importer: no byte order mark
}
