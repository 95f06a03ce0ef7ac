import { changedTasks, type Task } from '../../domain/tasks';
import type { MeetingState } from './meeting';

export interface MeetingProjection {
  readonly workflowId: string;
  readonly state: MeetingState;
  readonly tasks: readonly Task[];
  /** Set when the agenda was just published: the action items it carries get this meeting in their `carried_to`. */
  readonly carried?: readonly string[];
  /** Set when the meeting was just recorded: the impediment statuses it decided. */
  readonly recorded?: boolean;
}

/**
 * What the workflow sends to its projection activity after a step: its own row's fields, and whatever changed since
 * the previous projection (`before`; undefined projects everything). Shared by the workflow and by the rebuild of the
 * read models from histories, so both write the same rows.
 */
export function meetingProjection(
  workflowId: string,
  before: MeetingState | undefined,
  now: MeetingState,
): MeetingProjection {
  return {
    workflowId,
    state: { ...now, tasks: {} },
    tasks: changedTasks(before, now),
    // The agenda just published: the action items it carries.
    carried:
      before?.agenda !== now.agenda
        ? now.agenda.filter((i) => i.source === 'action-item').map((i) => i.ref!)
        : undefined,
    recorded: before?.record !== now.record,
  };
}
