import { ApplicationFailure, condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';

import type { Activities } from '../activities';
import {
  checkTaskExtension,
  checkTaskReassignment,
  type CompleteTaskCommand,
  type Rejection,
  type Task,
  type TaskEvent,
} from '../libs/domain/tasks';
import type { ProjectorName } from '../libs/processes/registry';
import { audit } from './audit-sink';
import {
  completeTaskUpdate,
  extendTaskUpdate,
  memberLeftSignal,
  reassignTaskUpdate,
} from '../libs/processes/task-messages';

/** What every process shares: its projection discipline, its refusals, and how its tasks are completed. */

export const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

const remote = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });
/**
 * Projections run first as local activities: in the worker that runs the workflow task, without a round trip through
 * the server. A task completion waits for its projection, and a regular activity made that ~100 ms instead of ~13 ms
 * (bench/task-completion.ts). A few quick local attempts only: while PostgreSQL is down, local retries would add
 * history events every few seconds, so after them the same projection goes to a regular activity, whose retries add
 * none.
 */
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '100 milliseconds', maximumAttempts: 3 },
});

/** Sends a projection to its projector (one per process that keeps a read model, libs/processes/registry.ts). */
export async function projectDurably<K extends ProjectorName>(
  name: K,
  projection: Parameters<Activities[K]>[0],
): Promise<void> {
  const run = (proxy: typeof local | typeof remote) =>
    (proxy[name] as (p: Parameters<Activities[K]>[0]) => Promise<void>)(projection);
  try {
    await run(local);
  } catch {
    await run(remote);
  }
}

/**
 * Projects what changed since the last projection (`send(before, now)`; immutable state makes "changed" a reference
 * comparison). Projections run one after another, and each computes its change when it runs, so a row's newer write
 * never lands before an older one that carried other fields (the upserts keep the highest revision).
 */
export function serialProjector<S>(
  current: () => S,
  send: (before: S | undefined, now: S) => Promise<void>,
  alreadyProjected?: S,
): () => Promise<void> {
  let projected = alreadyProjected;
  let chain: Promise<void> = Promise.resolve();
  return () =>
    (chain = chain.then(async () => {
      const before = projected;
      const now = current();
      if (before === now) return;
      projected = now;
      audit.projected(); // where the rebuild projects too (a sink call, not a command)
      await send(before, now);
    }));
}

/** Applies what `decide` (a process's pure decide function, at this moment) makes due, until nothing more is. */
export function settleDue<E>(decide: () => readonly E[], record: (event: E) => void): void {
  for (let due = decide(); due.length > 0; due = decide()) due.forEach(record);
}

/** Sleeps until a handler wakes the process, or until `wakeAt`, the next instant its timers make something due. */
export async function sleepUntil(wakeAt: number | undefined, woken: () => boolean): Promise<void> {
  if (wakeAt === undefined) await condition(woken);
  else await condition(woken, Math.max(1, wakeAt - Date.now()));
}

/** A refused command, as the API reads it: the failure's type is the RejectionCode, its details the fields. */
export function refusal(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [r.details], nonRetryable: true });
}

/** A member agency left the Network: `leave` closes its open tasks (and whatever else the process keeps of it). */
export function handleMemberLeaving(leave: (agency: string, reason: string) => void): void {
  setHandler(memberLeftSignal, ({ agency, reason }) => leave(agency, reason));
}

/**
 * The `completeTask` Update of a process. `validate` is the whole guard (payload rules included); the handler
 * re-checks only `guard`, the state guard: on replay validators are skipped but handlers run, and a payload rule
 * tightened since must not refuse an answer that was accepted then. `complete` applies the event synchronously, so
 * of answers that race, one wins; the Update returns once the task's new state is projected.
 */
export function handleTaskCompletion(opts: {
  validate: (cmd: CompleteTaskCommand, now: number) => Rejection | undefined;
  guard: (cmd: CompleteTaskCommand, now: number) => Rejection | undefined;
  complete: (cmd: CompleteTaskCommand) => Task;
  project: () => Promise<void>;
}): void {
  setHandler(
    completeTaskUpdate,
    async (cmd) => {
      const refused = opts.guard(cmd, Date.now());
      if (refused) throw refusal(refused);
      const task = opts.complete(cmd);
      await opts.project();
      return task;
    },
    {
      validator: (cmd) => {
        const refused = opts.validate(cmd, Date.now());
        if (refused) throw refusal(refused);
      },
    },
  );
}

/**
 * The `extendTask` and `reassignTask` Updates of a process: the coordinator moves an open task's due time later, or
 * gives it to another member agency, with a reason. Recording the event wakes the loop, which sleeps until the tasks'
 * next timer: the reminder, escalation and expiry move with it.
 */
export function handleTaskExtension(opts: TaskChangeOptions): void {
  handleTaskChange(extendTaskUpdate, checkTaskExtension, opts, (cmd) => ({
    type: 'TaskExtended',
    at: new Date().toISOString(),
    taskId: cmd.taskId,
    dueAt: new Date(Date.parse(cmd.dueAt)).toISOString(),
    by: cmd.by,
    reason: cmd.reason.trim(),
  }));
  // Registered beside it: a new handler adds no command to a history that never called it.
  handleTaskChange(reassignTaskUpdate, checkTaskReassignment, opts, (cmd, task) => ({
    type: 'TaskReassigned',
    at: new Date().toISOString(),
    taskId: cmd.taskId,
    assignee: cmd.assignee,
    from: task.assignee,
    ...(cmd.dueAt ? { dueAt: new Date(Date.parse(cmd.dueAt)).toISOString() } : {}),
    by: cmd.by,
    reason: cmd.reason.trim(),
  }));
}

interface TaskChangeOptions {
  tasks: () => Readonly<Record<string, Task>>;
  record: (event: TaskEvent) => void;
  project: () => Promise<void>;
}

/**
 * One coordinator's change to a task as an Update: the validator is the whole check, the handler re-checks the state
 * guard only (validators are skipped on replay), records the event, and answers once the task is projected.
 */
function handleTaskChange<C extends { readonly taskId: string }>(
  update: UpdateDefinition<Task, [C]>,
  check: (tasks: Readonly<Record<string, Task>>, cmd: C, now: number, payloadRules?: boolean) => Rejection | undefined,
  opts: TaskChangeOptions,
  event: (cmd: C, task: Task) => TaskEvent,
): void {
  setHandler(
    update,
    async (cmd) => {
      const refused = check(opts.tasks(), cmd, Date.now(), false);
      if (refused) throw refusal(refused);
      opts.record(event(cmd, opts.tasks()[cmd.taskId]));
      await opts.project();
      return opts.tasks()[cmd.taskId];
    },
    {
      validator: (cmd) => {
        const refused = check(opts.tasks(), cmd, Date.now());
        if (refused) throw refusal(refused);
      },
    },
  );
}
