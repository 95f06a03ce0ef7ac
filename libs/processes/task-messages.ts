import { defineSignal, defineUpdate } from '@temporalio/workflow';

import type { CompleteTaskCommand, ExtendTaskCommand, ReassignTaskCommand, Task } from '../domain/tasks';

/** The messages every process with tasks handles, defined once for the workflows, the API and the tests (STYLE 2). */

/**
 * Completes one of a process's tasks. The validator refuses, synchronously, with an ApplicationFailure whose type is
 * a RejectionCode (libs/domain/tasks.ts); the handler returns the task's new state.
 */
export const completeTaskUpdate = defineUpdate<Task, [CompleteTaskCommand]>('completeTask');

/**
 * Moves an open task's due time later (the coordinator's, with a reason); its reminder, escalation and expiry move by
 * as much, durably: the workflow's timers are the tasks' own. Returns the task's new state.
 */
export const extendTaskUpdate = defineUpdate<Task, [ExtendTaskCommand]>('extendTask');
export const reassignTaskUpdate = defineUpdate<Task, [ReassignTaskCommand]>('reassignTask');

/** Sent by the API to every running process of a network when a member agency leaves it: its open tasks close. */
export const memberLeftSignal = defineSignal<[{ agency: string; reason: string }]>('memberLeft');
