import { changedTasks, type Task } from '../../domain/tasks';
import type { DecisionState } from './decision';

export interface DecisionProjection {
  readonly workflowId: string;
  readonly state: DecisionState;
  readonly tasks: readonly Task[];
}

/**
 * What the workflow sends to its projection activity after a step: its own row's fields, and whatever changed since
 * the previous projection (`before`; undefined projects everything). Shared by the workflow and by the rebuild of the
 * read models from histories, so both write the same rows.
 */
export function decisionProjection(
  workflowId: string,
  before: DecisionState | undefined,
  now: DecisionState,
): DecisionProjection {
  return { workflowId, state: { ...now, tasks: {} }, tasks: changedTasks(before, now) };
}
