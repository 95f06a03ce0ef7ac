import type { DataSource } from 'typeorm';

import type { Task } from '../../libs/domain/tasks';
import type { CycleProjection } from '../../libs/processes/annual-cycle/projection';
import type { DecisionProjection } from '../../libs/processes/decision/projection';
import type { MeetingProjection } from '../../libs/processes/meeting/projection';
import type { ProjectedProcess } from '../../libs/processes/registry';
import { enqueueDecisionNotices } from './decision-notices';
import { enqueueMeetingNotices } from './meeting-notices';
import { enqueueReportNotices } from './report-notices';
import { enqueueTaskNotices, NoticeOptions } from './task-notices';

/** What every projection carries that notices are read from. */
export interface Noticeable {
  readonly workflowId: string;
  readonly tasks: readonly Task[];
}

/**
 * Whether a projection may call for a notice at all: an open task, a meeting with its agenda out or cancelled, a
 * decision no longer circulating, a cycle's report finalised. A completion's projection does not, and costs no query.
 */
export function callsForNotices(process: ProjectedProcess, p: Noticeable): boolean {
  if (p.tasks.some((t) => t.status === 'open')) return true;
  if (process === 'decision') return (p as DecisionProjection).state.status !== 'CIRCULATING';
  // The report travels in the projection that changed it (the state it carries has none).
  if (process === 'annual-cycle') return Boolean((p as CycleProjection).report?.finalisedAt);
  const state = process === 'meeting' ? (p as MeetingProjection).state : undefined;
  return state !== undefined && (state.agendaPublishedAt !== null || state.cancelled !== null);
}

/** The outbox rows a projection's facts call for: its tasks', a meeting's invitation, a decision's outcome, the annual report. */
export async function enqueueNotices(
  dataSource: DataSource,
  process: ProjectedProcess,
  p: Noticeable,
  options: NoticeOptions,
): Promise<void> {
  await enqueueTaskNotices(dataSource, p.tasks, options);
  if (process === 'meeting')
    await enqueueMeetingNotices(dataSource, p.workflowId, (p as MeetingProjection).state, options);
  if (process === 'decision')
    await enqueueDecisionNotices(dataSource, p.workflowId, (p as DecisionProjection).state, options);
  if (process === 'annual-cycle') await enqueueReportNotices(dataSource, p.workflowId, p as CycleProjection, options);
}
