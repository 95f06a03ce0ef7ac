import type { FieldError } from '../../domain/field-error';
import { GCM_OBJECTIVES } from '../../domain/gcm-objectives';
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

/**
 * A TWG reporting round (DESIGN, process 3; ToR: "regularly (every 2 months)"): each member agency of the TWG submits
 * its programme delivery and impediments; a missing update is recorded as missing after its reminder and an
 * escalation; the lead agency then consolidates the round's report, editing and merging the impediments.
 */
export const IMPEDIMENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const IMPEDIMENT_TARGETS = ['network', 'government'] as const;

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

function impedimentErrors(value: unknown, field: string): FieldError[] {
  if (!Array.isArray(value)) return [{ field, message: 'must be a list of impediments (may be empty)' }];
  return value.flatMap((item: unknown, i): FieldError[] => {
    const f = `${field}[${i}]`;
    if (typeof item !== 'object' || item === null)
      return [{ field: f, message: 'must be {description, severity, gcmObjectives, target}' }];
    const p = item as Record<string, unknown>;
    const errors: FieldError[] = Object.keys(p)
      .filter((k) => !['description', 'severity', 'gcmObjectives', 'target'].includes(k))
      .map((k) => ({ field: `${f}.${k}`, message: 'is not a known field' }));
    if (typeof p.description !== 'string' || p.description.trim() === '')
      errors.push({ field: `${f}.description`, message: 'must be a non-empty string' });
    if (!IMPEDIMENT_SEVERITIES.includes(p.severity as Impediment['severity']))
      errors.push({ field: `${f}.severity`, message: `must be one of ${IMPEDIMENT_SEVERITIES.join(', ')}` });
    const gcm = p.gcmObjectives;
    if (!Array.isArray(gcm) || gcm.some((n) => !Number.isInteger(n) || n < 1 || n > GCM_OBJECTIVES.length)) {
      errors.push({
        field: `${f}.gcmObjectives`,
        message: 'must list GCM objective numbers from 1 to 23 (may be empty)',
      });
    }
    if (!IMPEDIMENT_TARGETS.includes(p.target as Impediment['target']))
      errors.push({ field: `${f}.target`, message: "must be 'network' or 'government'" });
    return errors;
  });
}

function bodyErrors(payload: unknown, text: 'delivery' | 'summary'): FieldError[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return [{ field: 'body', message: 'must be a JSON object' }];
  const p = payload as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(p)
    .filter((k) => k !== text && k !== 'impediments')
    .map((k) => ({ field: k, message: 'is not a known field' }));
  if (typeof p[text] !== 'string' || (p[text] as string).trim() === '')
    errors.push({ field: text, message: 'must be a non-empty string' });
  return [...errors, ...impedimentErrors(p.impediments, 'impediments')];
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
  const errors = bodyErrors(cmd.payload, task.kind === 'submit-twg-update' ? 'delivery' : 'summary');
  return invalidPayload(errors);
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
