import { defineSignal, defineUpdate } from '@temporalio/workflow';

import type { CompleteTaskCommand, Task } from '../domain/tasks';

/** The messages every process with tasks handles, defined once for the workflows, the API and the tests (STYLE 2). */

/**
 * Completes one of a process's tasks. The validator refuses, synchronously, with an ApplicationFailure whose type is
 * a RejectionCode (libs/domain/tasks.ts); the handler returns the task's new state.
 */
export const completeTaskUpdate = defineUpdate<Task, [CompleteTaskCommand]>('completeTask');

/** Sent by the API to every running process of a network when a member agency leaves it: its open tasks close. */
export const memberLeftSignal = defineSignal<[{ agency: string; reason: string }]>('memberLeft');
