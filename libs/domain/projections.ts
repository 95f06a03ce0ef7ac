import type { CycleState } from './annual-cycle';
import type { DecisionState } from './decision';
import type { MeetingState } from './meeting';
import { changedTasks } from './tasks';
import type { TwgRoundState } from './twg-round';

/**
 * What each process sends to its projection activity after a step: its own row's fields, and whatever changed since
 * the previous projection (`before`; undefined projects everything). Shared by the workflows and by the rebuild of the
 * read models from histories, so both write the same rows.
 */
export function cycleProjection(workflowId: string, before: CycleState | undefined, now: CycleState) {
  return {
    workflowId,
    // The cycle row's own fields only: what changed below travels separately, and contributions not at all.
    state: { ...now, tasks: {}, contributions: {}, revisions: [], progress: {}, report: null },
    tasks: changedTasks(before, now),
    revisions: before?.revisions !== now.revisions ? now.revisions : undefined,
    progress: before?.progress !== now.progress ? now.progress : undefined,
    report: before?.report !== now.report ? now.report : undefined,
  };
}

export function decisionProjection(workflowId: string, before: DecisionState | undefined, now: DecisionState) {
  return { workflowId, state: { ...now, tasks: {} }, tasks: changedTasks(before, now) };
}

export function twgRoundProjection(workflowId: string, before: TwgRoundState | undefined, now: TwgRoundState) {
  return { workflowId, state: { ...now, tasks: {} }, tasks: changedTasks(before, now) };
}

export function meetingProjection(workflowId: string, before: MeetingState | undefined, now: MeetingState) {
  return {
    workflowId,
    state: { ...now, tasks: {} },
    tasks: changedTasks(before, now),
    // The agenda just published: the action items it carries.
    carried: before?.agenda !== now.agenda ? now.agenda.filter((i) => i.source === 'action-item').map((i) => i.ref!) : undefined,
    recorded: before?.record !== now.record,
  };
}
