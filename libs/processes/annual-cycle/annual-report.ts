import { indicatorValue, quarterReport, type CycleState } from './annual-cycle';
import { GCM_OBJECTIVES } from '../../domain/gcm-objectives';
import type { AnnualReport } from './annual-report-types';

/**
 * Drafts the annual report (ToR objective 9) from the year's data when the year ends; the coordinator finalises it.
 * Pure: the same state always drafts the same report.
 */
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
          const report = quarterReport(reports, quarter);
          if (report)
            return { quarter, status: report.status, late: task?.completedAt != null && task.completedAt > task.dueAt };
          return {
            quarter,
            status: task?.status === 'expired' ? ('missed' as const) : ('not-due' as const),
            late: false,
          };
        }),
        indicators: a.indicators.map((i) => ({
          name: i.name,
          baseline: i.baseline,
          target: i.target,
          actuals: [1, 2, 3, 4].map((quarter) => indicatorValue(reports, quarter, i.name)),
        })),
      };
    }),
    gcmCoverage: GCM_OBJECTIVES.map((o) => ({
      objective: o.number,
      title: o.title,
      activities: activities.filter((a) => a.gcmObjectives.includes(o.number)).map((a) => a.id),
    })),
    uncoveredGcmObjectives: GCM_OBJECTIVES.map((o) => o.number).filter(
      (n) => !activities.some((a) => a.gcmObjectives.includes(n)),
    ),
    revisions: state.revisions.map((r) => ({
      revision: r.revision,
      submittedAt: r.submittedAt,
      objections: r.objections.map(({ agency, comment }) => ({ agency, comment })),
    })),
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
    missedTasks: missed.map((t) => ({
      id: t.id,
      assignee: t.assignee,
      dueAt: t.dueAt,
      meaning: t.closedReason ?? 'expired',
    })),
    ...(state.linked?.networkYear ? { networkYear: state.linked.networkYear } : {}),
  };
}
