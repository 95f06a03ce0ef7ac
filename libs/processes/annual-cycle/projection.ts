import { changedTasks, type Task } from '../../domain/tasks';
import type { CycleState } from './annual-cycle';

/** What changed in a cycle since its last projection (the workflow sends only that). */
export interface CycleProjection {
  readonly workflowId: string;
  /** The cycle's own fields; its tasks, revisions, progress and report travel below, when they changed. */
  readonly state: CycleState;
  readonly tasks: readonly Task[];
  readonly revisions?: CycleState['revisions'];
  readonly progress?: CycleState['progress'];
  readonly report?: CycleState['report'];
}

/**
 * What the workflow sends to its projection activity after a step: its own row's fields, and whatever changed since
 * the previous projection (`before`; undefined projects everything). Shared by the workflow and by the rebuild of the
 * read models from histories, so both write the same rows.
 */
export function cycleProjection(workflowId: string, before: CycleState | undefined, now: CycleState): CycleProjection {
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
