import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

import type { CycleState } from '../libs/domain/annual-cycle';
import type { CompleteTaskCommand, Task } from '../libs/domain/tasks';

/** Defined once and used by the workflow, the API and the tests (STYLE 2). */
export const cycleStateQuery = defineQuery<CycleState>('cycleState');

/**
 * Completes one of the cycle's tasks. The validator refuses, synchronously, with an ApplicationFailure whose type is
 * a RejectionCode (libs/domain/tasks.ts); the handler returns the task's new state.
 */
export const completeTaskUpdate = defineUpdate<Task, [CompleteTaskCommand]>('completeTask');

/** Sent by the API to every running process of a network when a member agency leaves it: its open tasks close. */
export const memberLeftSignal = defineSignal<[{ agency: string; reason: string }]>('memberLeft');
