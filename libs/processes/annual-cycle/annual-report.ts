import type { CycleState } from './annual-cycle';
import { GCM_OBJECTIVES } from '../../domain/gcm-objectives';
import type { ActivityStatus } from './work-plan';

/**
 * The annual report (ToR objective 9), drafted from the year's data when the year ends; the coordinator finalises it.
 * Pure: the same state always drafts the same report.
 */
export interface AnnualReport {
  readonly network: string;
  readonly year: number;
  readonly draftedAt: string;
  readonly planRevision: number | null;
  readonly endorsedAt: string | null;
  readonly activities: readonly {
    readonly id: string;
    readonly title: string;
    readonly leadAgency: string;
    readonly gcmObjectives: readonly number[];
    readonly status: ActivityStatus | 'not-reported';
    readonly quarters: readonly { readonly quarter: number; readonly status: ActivityStatus | 'missed' | 'not-due'; readonly late: boolean }[];
  }[];
  readonly gcmCoverage: readonly { readonly objective: number; readonly title: string; readonly activities: readonly string[] }[];
  readonly uncoveredGcmObjectives: readonly number[];
  readonly revisions: readonly { readonly revision: number; readonly submittedAt: string; readonly objections: readonly { readonly agency: string; readonly comment: string }[] }[];
  readonly contributions: readonly { readonly agency: string; readonly activities: number | null }[];
  readonly tasksByAgency: readonly { readonly agency: string; readonly completed: number; readonly late: number; readonly missed: number; readonly cancelled: number }[];
  readonly lateTasks: readonly { readonly id: string; readonly assignee: string; readonly dueAt: string; readonly completedAt: string }[];
  readonly missedTasks: readonly { readonly id: string; readonly assignee: string; readonly dueAt: string; readonly meaning: string }[];
  /** The Network's meetings, action items, TWG rounds and impediments of the year; absent for cycles that did not run them. */
  readonly networkYear?: NetworkYearSummary;
}

/** What the year's meetings and TWG rounds did, read from their read models when the year ends. */
export interface NetworkYearSummary {
  readonly meetings: readonly {
    readonly id: string;
    readonly kind: string;
    readonly title: string;
    readonly status: string;
    readonly scheduledAt: string;
    readonly heldAt: string | null;
    readonly minutesAdoptedAt: string | null;
    readonly decisions: readonly string[];
  }[];
  /** Per owner agency: done, done after the due date, still open, open past the due date, dropped. */
  readonly actionItemsByAgency: readonly { readonly agency: string; readonly done: number; readonly doneLate: number; readonly open: number; readonly overdue: number; readonly dropped: number }[];
  readonly twgUpdatesByAgency: readonly { readonly agency: string; readonly submitted: number; readonly missed: number }[];
  readonly twgRounds: readonly { readonly id: string; readonly twg: string; readonly period: number; readonly status: string; readonly submitted: readonly string[]; readonly missed: readonly string[] }[];
  readonly impediments: { readonly raised: number; readonly resolved: number; readonly stillOpen: number };
  /** Issues the TWGs asked the Network to raise with the Government, with their status. */
  readonly governmentIssues: readonly { readonly id: string; readonly twg: string; readonly description: string; readonly status: string }[];
}

export function draftAnnualReport(state: CycleState, at: string): AnnualReport {
  const plan = state.revisions[state.revisions.length - 1];
  const activities = plan?.endorsedAt ? plan.activities : [];
  const tasks = Object.values(state.tasks);
  const late = tasks.filter((t) => t.status === 'completed' && t.completedAt !== null && t.completedAt > t.dueAt);
  const missed = tasks.filter((t) => t.status === 'expired');
  const agencies = [...new Set(tasks.map((t) => t.assignee))].sort();
  return {
    network: state.network,
    year: state.year,
    draftedAt: at,
    planRevision: plan?.revision ?? null,
    endorsedAt: plan?.endorsedAt ?? null,
    activities: activities.map((a) => {
      const reports = state.progress[a.id] ?? [];
      return {
        id: a.id,
        title: a.title,
        leadAgency: a.leadAgency,
        gcmObjectives: a.gcmObjectives,
        status: reports.length > 0 ? reports[reports.length - 1].status : 'not-reported',
        quarters: [1, 2, 3, 4].map((quarter) => {
          const task = tasks.find((t) => t.kind === 'report-progress' && t.subject === `Q${quarter}:${a.id}`);
          const report = [...reports].reverse().find((r) => r.quarter === quarter);
          if (report) return { quarter, status: report.status, late: task?.completedAt != null && task.completedAt > task.dueAt };
          return { quarter, status: task?.status === 'expired' ? ('missed' as const) : ('not-due' as const), late: false };
        }),
      };
    }),
    gcmCoverage: GCM_OBJECTIVES.map((o) => ({
      objective: o.number,
      title: o.title,
      activities: activities.filter((a) => a.gcmObjectives.includes(o.number)).map((a) => a.id),
    })),
    uncoveredGcmObjectives: GCM_OBJECTIVES.map((o) => o.number).filter((n) => !activities.some((a) => a.gcmObjectives.includes(n))),
    revisions: state.revisions.map((r) => ({ revision: r.revision, submittedAt: r.submittedAt, objections: r.objections.map(({ agency, comment }) => ({ agency, comment })) })),
    contributions: Object.entries(state.contributions)
      .map(([agency, c]) => ({ agency, activities: c.at === null ? null : c.activities.length }))
      .sort((a, b) => a.agency.localeCompare(b.agency)),
    tasksByAgency: agencies.map((agency) => {
      const mine = tasks.filter((t) => t.assignee === agency);
      return {
        agency,
        completed: mine.filter((t) => t.status === 'completed').length,
        late: late.filter((t) => t.assignee === agency).length,
        missed: missed.filter((t) => t.assignee === agency).length,
        cancelled: mine.filter((t) => t.status === 'cancelled').length,
      };
    }),
    lateTasks: late.map((t) => ({ id: t.id, assignee: t.assignee, dueAt: t.dueAt, completedAt: t.completedAt! })),
    missedTasks: missed.map((t) => ({ id: t.id, assignee: t.assignee, dueAt: t.dueAt, meaning: t.closedReason ?? 'expired' })),
    ...(state.linked?.networkYear ? { networkYear: state.linked.networkYear } : {}),
  };
}
