import {
  applyTaskEvent,
  checkTaskOpen,
  CompleteTaskCommand,
  dueTaskTimers,
  invalidPayload,
  isTaskEvent,
  newTask,
  Rejection,
  rejection,
  Task,
  TaskEvent,
  taskId,
  taskTimerInstants,
} from '../../domain/tasks';
import { answerErrors } from '../task-answer';
import { IMPEDIMENT_SEVERITIES, IMPEDIMENT_TARGETS, TWG_ROUND_ANSWERS } from './answers';

/**
 * A TWG reporting round (DESIGN, process 3; ToR: "regularly (every 2 months)"): each member agency of the TWG submits
 * its programme delivery and impediments; a missing update is recorded as missing after its reminder and an
 * escalation; the lead agency then consolidates the round's report, editing and merging the impediments.
 */
export { IMPEDIMENT_SEVERITIES, IMPEDIMENT_TARGETS };

export interface Impediment {
  readonly description: string;
  readonly severity: (typeof IMPEDIMENT_SEVERITIES)[number];
  readonly gcmObjectives: readonly number[];
  /** For the Network to address, or for the Network to raise with the Government. */
  readonly target: (typeof IMPEDIMENT_TARGETS)[number];
}

export interface TwgUpdate {
  readonly delivery: string;
  readonly impediments: readonly Impediment[];
}

export interface TwgReport {
  readonly summary: string;
  readonly impediments: readonly Impediment[];
}

export interface TwgRoundInput {
  readonly network: string;
  readonly twg: { readonly code: string; readonly leadAgency: string; readonly memberAgencies: readonly string[] };
  readonly year: number;
  /** 1–6: the bi-monthly period of the calendar. */
  readonly period: number;
  readonly start: string;
  readonly end: string;
  readonly offsets: { readonly reminderBeforeMs: number; readonly escalationAfterMs: number };
}

export type TwgRoundStatus = 'NOT_OPENED' | 'COLLECTING' | 'CONSOLIDATING' | 'CLOSED' | 'CANCELLED';

export type TwgRoundEvent =
  | TaskEvent
  | { readonly type: 'RoundOpened'; readonly at: string; readonly input: TwgRoundInput }
  | { readonly type: 'RoundConsolidating'; readonly at: string }
  /** `report` is set when the round closes without the lead's consolidation (the lead left the Network): the members' updates as they stand. */
  | { readonly type: 'RoundClosed'; readonly at: string; readonly report?: TwgReport }
  /** The TWG was abolished while the round was open: its open tasks close with the reason, and it raises nothing. */
  | { readonly type: 'RoundCancelled'; readonly at: string; readonly reason: string };

export interface TwgRoundState {
  readonly input: TwgRoundInput | null;
  readonly status: TwgRoundStatus;
  readonly tasks: Readonly<Record<string, Task>>;
  /** Each member's update; null where it was missing at the deadline. */
  readonly updates: Readonly<Record<string, TwgUpdate | null>>;
  readonly report: TwgReport | null;
  readonly closedAt: string | null;
  readonly cancelledReason: string | null;
  readonly revision: number;
}

const INITIAL_TWG_ROUND: TwgRoundState = {
  input: null,
  status: 'NOT_OPENED',
  tasks: {},
  updates: {},
  report: null,
  closedAt: null,
  cancelledReason: null,
  revision: 0,
};

/** The state the process starts from, before its first event. */
export function initialTwgRoundState(): TwgRoundState {
  return INITIAL_TWG_ROUND;
}

export function twgRoundWorkflowId(network: string, twg: string, year: number, period: number): string {
  return `twg-round:${network}:${twg}:${year}-P${period}`;
}

export class TwgRoundTransitionError extends Error {
  constructor(
    readonly event: TwgRoundEvent['type'],
    readonly status: TwgRoundStatus,
    detail: string,
  ) {
    super(`${event} is not allowed while ${status}: ${detail}`);
    this.name = 'TwgRoundTransitionError';
  }
}

/** The state guard of an answer, and with a payload the payload rules too (the Update's validator). */
export function checkTwgRoundCommand(
  state: TwgRoundState,
  cmd: Omit<CompleteTaskCommand, 'payload'> & { payload?: unknown },
  now: number,
): Rejection | undefined {
  const task = state.tasks[cmd.taskId];
  const closed = checkTaskOpen(task, cmd.by, now);
  if (closed) return closed;
  const expected = task.kind === 'submit-twg-update' ? 'COLLECTING' : 'CONSOLIDATING';
  if (state.status !== expected)
    return rejection(
      'PHASE_CLOSED',
      `The round is ${state.status}${state.cancelledReason ? ` (${state.cancelledReason})` : ''}`,
    );
  if (cmd.payload === undefined) return undefined;
  const answer = TWG_ROUND_ANSWERS[task.kind]!;
  return invalidPayload(answerErrors(answer, cmd.payload, { members: [], networkObjectives: 0, now }));
}

function applyUncounted(state: TwgRoundState, event: TwgRoundEvent): TwgRoundState {
  if (isTaskEvent(event)) {
    if (event.type === 'TaskCompleted') {
      const refused = checkTwgRoundCommand(state, { taskId: event.taskId, by: event.by }, Date.parse(event.at));
      if (refused) throw new TwgRoundTransitionError(event.type, state.status, refused.message);
    }
    const task = state.tasks[event.type === 'TaskOpened' ? event.task.id : event.taskId];
    const next = { ...state, tasks: applyTaskEvent(state.tasks, event) };
    if (event.type === 'TaskCompleted' && task.kind === 'submit-twg-update')
      return { ...next, updates: { ...next.updates, [task.assignee]: event.payload as TwgUpdate } };
    if (event.type === 'TaskCompleted') return { ...next, report: event.payload as TwgReport };
    if (event.type === 'TaskExpired' && task.kind === 'submit-twg-update')
      return { ...next, updates: { ...next.updates, [task.assignee]: null } };
    return next;
  }
  const guard = (ok: boolean, detail: string) => {
    if (!ok) throw new TwgRoundTransitionError(event.type, state.status, detail);
  };
  switch (event.type) {
    case 'RoundOpened':
      guard(state.status === 'NOT_OPENED', 'a round opens once');
      return { ...state, status: 'COLLECTING', input: event.input };
    case 'RoundConsolidating':
      guard(state.status === 'COLLECTING', 'updates are not closed');
      return { ...state, status: 'CONSOLIDATING' };
    case 'RoundClosed':
      guard(
        state.status === 'CONSOLIDATING' && (state.report !== null || event.report !== undefined),
        'no consolidated report',
      );
      return { ...state, status: 'CLOSED', closedAt: event.at, report: event.report ?? state.report };
    case 'RoundCancelled':
      guard(state.status === 'COLLECTING' || state.status === 'CONSOLIDATING', 'only an open round is cancelled');
      return { ...state, status: 'CANCELLED', closedAt: event.at, cancelledReason: event.reason };
  }
}

export function applyTwgRoundEvent(state: TwgRoundState, event: TwgRoundEvent): TwgRoundState {
  return { ...applyUncounted(state, event), revision: state.revision + 1 };
}

/**
 * What time and the answers make happen. A member's update is due at the period's end, reminded before it,
 * escalated (to the lead and the coordinator) after it, and recorded as missing one escalation later. The lead's
 * consolidation is due a quarter of a period after the updates close, and is escalated, never expired.
 */
export function decideTwgRound(state: TwgRoundState, now: number, process: string): TwgRoundEvent[] {
  const input = state.input;
  if (!input || state.status === 'CLOSED') return [];
  const at = new Date(now).toISOString();
  if (state.status === 'CANCELLED') {
    return Object.values(state.tasks)
      .filter((t) => t.status === 'open')
      .map((t) => ({ type: 'TaskCancelled', at, taskId: t.id, reason: state.cancelledReason! }));
  }
  const timers = dueTaskTimers(state.tasks, now);
  if (timers.length > 0) return timers;
  const tasks = Object.values(state.tasks);
  const end = Date.parse(input.end);
  if (state.status === 'COLLECTING') {
    const submit = tasks.filter((t) => t.kind === 'submit-twg-update');
    if (submit.length === 0) {
      return input.twg.memberAgencies.map((m) => ({
        type: 'TaskOpened',
        at,
        task: newTask({
          kind: 'submit-twg-update',
          network: input.network,
          process,
          assignee: m,
          assigneeRole: 'agency',
          subject: [m],
          openedAt: at,
          dueAt: input.end,
          expiresAt: new Date(end + 2 * input.offsets.escalationAfterMs).toISOString(),
          offsets: input.offsets,
        }),
      }));
    }
    return submit.every((t) => t.status !== 'open') ? [{ type: 'RoundConsolidating', at }] : [];
  }
  const consolidate = state.tasks[taskId(process, 'consolidate-twg-report')];
  if (!consolidate) {
    const due = new Date(
      now + Math.max(input.offsets.escalationAfterMs, Math.round((end - Date.parse(input.start)) / 4)),
    ).toISOString();
    return [
      {
        type: 'TaskOpened',
        at,
        task: newTask({
          kind: 'consolidate-twg-report',
          network: input.network,
          process,
          assignee: input.twg.leadAgency,
          assigneeRole: 'agency',
          subject: [],
          openedAt: at,
          dueAt: due,
          offsets: input.offsets,
        }),
      },
    ];
  }
  if (consolidate.status === 'cancelled') {
    // The lead left the Network before consolidating: the round closes on its members' updates, impediments included.
    const impediments = Object.values(state.updates).flatMap((u) => u?.impediments ?? []);
    return [
      {
        type: 'RoundClosed',
        at,
        report: {
          summary: `Not consolidated: ${consolidate.closedReason}. The members' updates stand as submitted.`,
          impediments,
        },
      },
    ];
  }
  return consolidate.status === 'completed' ? [{ type: 'RoundClosed', at }] : [];
}

/** Whether a round is over: closed with its report, or cancelled with nothing left open. */
export function twgRoundFinished(state: TwgRoundState): boolean {
  return (
    state.status === 'CLOSED' ||
    (state.status === 'CANCELLED' && Object.values(state.tasks).every((t) => t.status !== 'open'))
  );
}

export function nextTwgRoundWakeUp(state: TwgRoundState, now: number): number | undefined {
  const future = taskTimerInstants(state.tasks).filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
