import { changedTasks, type Task } from '../../domain/tasks';
import type { TwgRoundState } from './twg-round';

export interface TwgRoundProjection {
  readonly workflowId: string;
  readonly state: TwgRoundState;
  readonly tasks: readonly Task[];
}

/**
 * What the workflow sends to its projection activity after a step: its own row's fields, and whatever changed since
 * the previous projection (`before`; undefined projects everything). Shared by the workflow and by the rebuild of the
 * read models from histories, so both write the same rows.
 */
export function twgRoundProjection(
  workflowId: string,
  before: TwgRoundState | undefined,
  now: TwgRoundState,
): TwgRoundProjection {
  return { workflowId, state: { ...now, tasks: {} }, tasks: changedTasks(before, now) };
}
