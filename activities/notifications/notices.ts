import type { DataSource } from 'typeorm';

import type { Task } from '../../libs/domain/tasks';
import type { MeetingProjection } from '../../libs/processes/meeting/projection';
import type { ProjectedProcess } from '../../libs/processes/registry';
import { enqueueMeetingNotices } from './meeting-notices';
import { enqueueTaskNotices, NoticeOptions } from './task-notices';

/** What every projection carries that notices are read from. */
export interface Noticeable {
  readonly workflowId: string;
  readonly tasks: readonly Task[];
}

/**
 * Whether a projection may call for a notice at all: an open task, or a meeting with its agenda out or cancelled. A
 * completion's projection does not, and costs no query.
 */
export function callsForNotices(process: ProjectedProcess, p: Noticeable): boolean {
  if (p.tasks.some((t) => t.status === 'open')) return true;
  const state = process === 'meeting' ? (p as MeetingProjection).state : undefined;
  return state !== undefined && (state.agendaPublishedAt !== null || state.cancelled !== null);
}

/** The outbox rows a projection's facts call for: its tasks', and a meeting's invitation. */
export async function enqueueNotices(
  dataSource: DataSource,
  process: ProjectedProcess,
  p: Noticeable,
  options: NoticeOptions,
): Promise<void> {
  await enqueueTaskNotices(dataSource, p.tasks, options);
  if (process === 'meeting')
    await enqueueMeetingNotices(dataSource, p.workflowId, (p as MeetingProjection).state, options);
}
