import type { FieldError } from './field-error';
import type { Actor } from './roles';

/**
 * Tasks: the one mechanism for all human work (DESIGN, "Tasks"). A workflow creates each task with a deterministic
 * id, projects it to PostgreSQL, and completes it through an Update whose validator uses its process's `check<Name>Command`.
 */
export const TASK_KINDS = [
  'contribute-activities',
  'consolidate-plan',
  'endorse-plan',
  'report-progress',
  'finalise-report',
  'concur-or-object',
  'submit-twg-update',
  'consolidate-twg-report',
  'propose-agenda-items',
  'record-meeting',
  'correct-minutes',
  'action-item',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'completed', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  readonly id: string;
  readonly kind: TaskKind;
  readonly network: string;
  /** The owning workflow's id. */
  readonly process: string;
  /** The agency that must do it; for coordinator tasks, the coordinating agency. */
  readonly assignee: string;
  readonly assigneeRole: 'agency' | 'coordinator';
  /** What the task is about within its process: a revision (`r2`), a quarter and activity (`Q3:A1`). */
  readonly subject: string | null;
  readonly openedAt: string;
  readonly dueAt: string;
  readonly remindAt: string;
  /** When it escalates to the coordinator if still open; none for tasks that expire at their due time. */
  readonly escalateAt: string | null;
  /** When silence becomes the answer (see EXPIRY_MEANING); none for tasks that stay open until done. */
  readonly expiresAt: string | null;
  readonly status: TaskStatus;
  readonly completedAt: string | null;
  readonly completedBy: Actor | null;
  /** How many times it was completed: more than once only for kinds that allow resubmission. */
  readonly submissions: number;
  readonly result: unknown;
  readonly remindedAt: string | null;
  readonly escalatedAt: string | null;
  readonly closedReason: string | null;
  /** When it expired or was cancelled (absent in tasks recorded before it was kept). */
  readonly closedAt?: string;
  /** Bumped on every change; projections keep the highest. */
  readonly version: number;
}

/** What silence means when a task expires, per kind (a kind absent here never expires on its own). */
export const EXPIRY_MEANING: Partial<Record<TaskKind, string>> = {
  'contribute-activities': 'no contribution (recorded as none)',
  'endorse-plan': 'consent by silence',
  'report-progress': 'missed',
  'concur-or-object': 'no objection (silence)',
  'submit-twg-update': 'missing',
  'propose-agenda-items': 'nothing proposed',
};

/**
 * Kinds the coordinator may give to another member agency: a responsibility (reporting an activity's progress, writing
 * a TWG's report), not an agency's own voice (a contribution, an endorsement, a concurrence, an update, a proposal),
 * which no other agency may give in its place.
 */
export const REASSIGNABLE: readonly TaskKind[] = ['report-progress', 'consolidate-twg-report'];

/** Kinds an assignee may complete again, replacing the earlier answer, until the task's deadline. */
export const RESUBMITTABLE: readonly TaskKind[] = ['contribute-activities'];

export function taskId(process: string, kind: TaskKind, ...subject: string[]): string {
  return [process, kind, ...subject].join(':');
}

export interface NewTask {
  readonly kind: TaskKind;
  readonly network: string;
  readonly process: string;
  readonly assignee: string;
  readonly assigneeRole: 'agency' | 'coordinator';
  readonly subject: string[];
  readonly openedAt: string;
  readonly dueAt: string;
  /** Overrides the default expiry (the due time for expiring kinds). */
  readonly expiresAt?: string;
  readonly offsets: { readonly reminderBeforeMs: number; readonly escalationAfterMs: number };
}

export function newTask(t: NewTask): Task {
  const due = Date.parse(t.dueAt);
  const opened = Date.parse(t.openedAt);
  const expires = t.kind in EXPIRY_MEANING ? (t.expiresAt ?? t.dueAt) : null;
  const escalates = expires === null || Date.parse(expires) > due + t.offsets.escalationAfterMs;
  return {
    id: taskId(t.process, t.kind, ...t.subject),
    kind: t.kind,
    network: t.network,
    process: t.process,
    assignee: t.assignee,
    assigneeRole: t.assigneeRole,
    subject: t.subject.length > 0 ? t.subject.join(':') : null,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    remindAt: new Date(Math.max(opened, due - t.offsets.reminderBeforeMs)).toISOString(),
    escalateAt: escalates ? new Date(due + t.offsets.escalationAfterMs).toISOString() : null,
    expiresAt: expires,
    status: 'open',
    completedAt: null,
    completedBy: null,
    submissions: 0,
    result: null,
    remindedAt: null,
    escalatedAt: null,
    closedReason: null,
    version: 1,
  };
}

export interface CompleteTaskCommand {
  readonly taskId: string;
  readonly by: Actor;
  readonly payload: unknown;
}

/** Why a command was refused; the API maps each code to one HTTP status. */
export type RejectionCode = 'TASK_NOT_FOUND' | 'NOT_ASSIGNEE' | 'TASK_CLOSED' | 'PHASE_CLOSED' | 'INVALID_PAYLOAD';

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  readonly details: readonly FieldError[];
}

export function rejection(code: RejectionCode, message: string, details: readonly FieldError[] = []): Rejection {
  return { code, message, details };
}

/** A payload's field errors as one refusal (undefined when there are none): the message lists them, the details name them. */
export function invalidPayload(errors: readonly FieldError[]): Rejection | undefined {
  return errors.length > 0
    ? rejection('INVALID_PAYLOAD', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors)
    : undefined;
}

/** Whether `by` may complete `task` at `now`, leaving aside the payload and the process phase. */
export function checkTaskOpen(task: Task | undefined, by: Actor, now: number): Rejection | undefined {
  if (!task) return rejection('TASK_NOT_FOUND', 'No such task in this process');
  const actorMatches =
    task.assigneeRole === 'coordinator'
      ? by.role === 'coordinator'
      : by.role === 'agency' && by.agency === task.assignee;
  if (!actorMatches) {
    const who = task.assigneeRole === 'coordinator' ? 'the coordinator' : `agency ${task.assignee}`;
    return rejection('NOT_ASSIGNEE', `Task ${task.id} is assigned to ${who}`);
  }
  const resubmission = task.status === 'completed' && RESUBMITTABLE.includes(task.kind);
  if (task.status !== 'open' && !resubmission) {
    return rejection(
      'TASK_CLOSED',
      `Task ${task.id} is ${task.status}${task.closedReason ? ` (${task.closedReason})` : ''}`,
    );
  }
  if (task.expiresAt !== null && now >= Date.parse(task.expiresAt)) {
    return rejection('TASK_CLOSED', `The deadline of task ${task.id} passed at ${task.expiresAt}`);
  }
  return undefined;
}

/** Events of the task mechanism, the same in every process that owns tasks. */
export type TaskEvent =
  | { readonly type: 'TaskOpened'; readonly at: string; readonly task: Task }
  | { readonly type: 'TaskReminded'; readonly at: string; readonly taskId: string }
  | { readonly type: 'TaskEscalated'; readonly at: string; readonly taskId: string }
  | {
      readonly type: 'TaskCompleted';
      readonly at: string;
      readonly taskId: string;
      readonly by: Actor;
      readonly payload: unknown;
    }
  | { readonly type: 'TaskExpired'; readonly at: string; readonly taskId: string }
  | { readonly type: 'TaskCancelled'; readonly at: string; readonly taskId: string; readonly reason: string }
  | {
      /** The coordinator moved the due time later: the reminder, escalation and expiry move by as much. */
      readonly type: 'TaskExtended';
      readonly at: string;
      readonly taskId: string;
      readonly dueAt: string;
      readonly by: Actor;
      readonly reason: string;
    }
  | {
      /** The coordinator gave the task to another member agency (perhaps with a later due time, as an extension). */
      readonly type: 'TaskReassigned';
      readonly at: string;
      readonly taskId: string;
      readonly assignee: string;
      readonly from: string;
      readonly dueAt?: string;
      readonly by: Actor;
      readonly reason: string;
    };

export const TASK_EVENT_TYPES: readonly TaskEvent['type'][] = [
  'TaskOpened',
  'TaskReminded',
  'TaskEscalated',
  'TaskCompleted',
  'TaskExpired',
  'TaskCancelled',
  'TaskExtended',
  'TaskReassigned',
];

export function isTaskEvent(event: { readonly type: string }): event is TaskEvent {
  return (TASK_EVENT_TYPES as readonly string[]).includes(event.type);
}

export class TaskTransitionError extends Error {
  constructor(
    readonly event: TaskEvent['type'],
    detail: string,
  ) {
    super(`${event}: ${detail}`);
    this.name = 'TaskTransitionError';
  }
}

/**
 * The task side of a task event: the task's own guard and new state. What the event means for the process (its
 * phase, the payload's effect) is the owning process's reducer's business.
 */
export function applyTaskEvent(tasks: Readonly<Record<string, Task>>, event: TaskEvent): Record<string, Task> {
  if (event.type === 'TaskOpened') {
    if (tasks[event.task.id]) throw new TaskTransitionError(event.type, `task ${event.task.id} exists`);
    return { ...tasks, [event.task.id]: event.task };
  }
  const task = tasks[event.taskId];
  if (!task) throw new TaskTransitionError(event.type, `no task ${event.taskId}`);
  const resubmission =
    event.type === 'TaskCompleted' && task.status === 'completed' && RESUBMITTABLE.includes(task.kind);
  if (task.status !== 'open' && !resubmission)
    throw new TaskTransitionError(event.type, `task ${event.taskId} is ${task.status}`);
  const change = (c: Partial<Task>) => ({ ...tasks, [task.id]: { ...task, ...c, version: task.version + 1 } });
  switch (event.type) {
    case 'TaskReminded':
      return change({ remindedAt: event.at });
    case 'TaskEscalated':
      return change({ escalatedAt: event.at });
    case 'TaskCompleted':
      return change({
        status: 'completed',
        completedAt: event.at,
        completedBy: event.by,
        result: event.payload,
        submissions: task.submissions + 1,
      });
    case 'TaskExpired':
      return change({ status: 'expired', closedReason: EXPIRY_MEANING[task.kind] ?? 'expired', closedAt: event.at });
    case 'TaskCancelled':
      return change({ status: 'cancelled', closedReason: event.reason, closedAt: event.at });
    case 'TaskExtended':
      return change(movedTimers(task, event.dueAt, event.at, event.type));
    case 'TaskReassigned': {
      if (task.assignee !== event.from)
        throw new TaskTransitionError(event.type, `task ${task.id} is ${task.assignee}'s, not ${event.from}'s`);
      const moved: Partial<Task> = event.dueAt ? movedTimers(task, event.dueAt, event.at, event.type) : {};
      const remindAt = moved.remindAt ?? task.remindAt;
      // The new assignee is reminded in its turn, if the reminder is still ahead; an escalation already sent stays.
      return change({
        ...moved,
        assignee: event.assignee,
        remindedAt: Date.parse(remindAt) > Date.parse(event.at) ? null : (moved.remindedAt ?? task.remindedAt),
      });
    }
  }
}

/** A task's timers moved with its due time: the reminder, escalation and expiry by as much. */
function movedTimers(
  task: Task,
  dueAt: string,
  at: string,
  type: TaskEvent['type'],
): Partial<Task> & { remindAt: string } {
  const delta = Date.parse(dueAt) - Date.parse(task.dueAt);
  if (!(delta > 0)) throw new TaskTransitionError(type, `${dueAt} is not later than ${task.dueAt}`);
  const shift = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + delta).toISOString());
  const remindAt = shift(task.remindAt)!;
  const escalateAt = shift(task.escalateAt);
  const later = (iso: string | null) => iso !== null && Date.parse(iso) > Date.parse(at);
  // A reminder or escalation that moved past now is due again at its new time.
  return {
    dueAt,
    remindAt,
    escalateAt,
    expiresAt: shift(task.expiresAt),
    remindedAt: later(remindAt) ? null : task.remindedAt,
    escalatedAt: later(escalateAt) ? null : task.escalatedAt,
  };
}

/** The coordinator's extension of a task's due time, with the reason (kept in the history and the audit log). */
export interface ExtendTaskCommand {
  readonly taskId: string;
  readonly by: Actor;
  readonly dueAt: string;
  readonly reason: string;
}

/**
 * Whether `cmd` may extend its task now: the coordinator's, an open task whose deadline has not passed, a due time
 * later than the task's and than now, a reason. `payloadRules: false` is the handler's state guard alone (on replay,
 * validators are skipped and a rule tightened since must not refuse what was accepted).
 */
export function checkTaskExtension(
  tasks: Readonly<Record<string, Task>>,
  cmd: ExtendTaskCommand,
  now: number,
  payloadRules = true,
): Rejection | undefined {
  return checkCoordinatorChange(tasks, cmd, now, payloadRules, 'extends', () => []);
}

/**
 * The rules a coordinator's change to an open task keeps (an extension, a reassignment): the coordinator's, an open
 * task, and (`payloadRules`) its deadline not passed, what the change itself asks (`own`), a due time (if any) later
 * than the task's and than now, a reason.
 */
function checkCoordinatorChange(
  tasks: Readonly<Record<string, Task>>,
  cmd: { readonly taskId: string; readonly by: Actor; readonly reason: string; readonly dueAt?: string },
  now: number,
  payloadRules: boolean,
  verb: string,
  own: (task: Task) => FieldError[],
): Rejection | undefined {
  if (cmd.by.role !== 'coordinator') return rejection('NOT_ASSIGNEE', `Only the coordinator ${verb} a task`);
  const task = tasks[cmd.taskId];
  if (!task) return rejection('TASK_NOT_FOUND', 'No such task in this process');
  if (task.status !== 'open') return rejection('TASK_CLOSED', `Task ${task.id} is ${task.status}`);
  if (!payloadRules) return undefined;
  if (task.expiresAt !== null && now >= Date.parse(task.expiresAt))
    return rejection('TASK_CLOSED', `The deadline of task ${task.id} passed at ${task.expiresAt}`);
  const errors = own(task);
  if (cmd.dueAt !== undefined) {
    const due = Date.parse(cmd.dueAt);
    if (!(due > Date.parse(task.dueAt)))
      errors.push({ field: 'dueAt', message: `must be later than the task's due time, ${task.dueAt}` });
    else if (!(due > now)) errors.push({ field: 'dueAt', message: 'must be in the future' });
  }
  if (typeof cmd.reason !== 'string' || cmd.reason.trim() === '')
    errors.push({ field: 'reason', message: 'must say why' });
  return invalidPayload(errors);
}

/** The coordinator's reassignment of a task to another member agency, with the reason and perhaps a later due time. */
export interface ReassignTaskCommand {
  readonly taskId: string;
  readonly by: Actor;
  readonly assignee: string;
  readonly reason: string;
  readonly dueAt?: string;
}

/**
 * Whether `cmd` may reassign its task now: the coordinator's, an open task of a kind that is a responsibility
 * (REASSIGNABLE), another agency than its own, a reason, a due time (if given) as an extension's. Whether the agency is
 * a member the API checks (the process does not keep the members); `payloadRules: false`: the handler's state guard.
 */
export function checkTaskReassignment(
  tasks: Readonly<Record<string, Task>>,
  cmd: ReassignTaskCommand,
  now: number,
  payloadRules = true,
): Rejection | undefined {
  return checkCoordinatorChange(tasks, cmd, now, payloadRules, 'reassigns', (task) =>
    !REASSIGNABLE.includes(task.kind)
      ? [
          {
            field: 'agency',
            message: `a ${task.kind} task is its agency's own answer: only ${REASSIGNABLE.join(', ')} tasks are reassigned`,
          },
        ]
      : cmd.assignee === task.assignee
        ? [{ field: 'agency', message: `the task is ${task.assignee}'s already` }]
        : [],
  );
}

/** The tasks that changed between two states (their objects differ): what a projection sends. */
export function changedTasks(
  before: { tasks: Readonly<Record<string, Task>> } | undefined,
  now: { tasks: Readonly<Record<string, Task>> },
): Task[] {
  return Object.values(now.tasks).filter((t) => before?.tasks[t.id] !== t);
}

/** Closes the open tasks of an agency that left the Network: nobody waits for it any more. */
export function tasksOfLeavingMember(
  tasks: Readonly<Record<string, Task>>,
  agency: string,
  at: string,
  reason: string,
): TaskEvent[] {
  return Object.values(tasks)
    .filter((t) => t.status === 'open' && t.assigneeRole === 'agency' && t.assignee === agency)
    .map((t) => ({ type: 'TaskCancelled', at, taskId: t.id, reason: `${agency} left the Network: ${reason}` }));
}

/** The task timers that are due at `now`: expiries first (an expired task needs no reminder), then reminders and escalations. */
export function dueTaskTimers(tasks: Readonly<Record<string, Task>>, now: number): TaskEvent[] {
  const at = new Date(now).toISOString();
  const due: TaskEvent[] = [];
  for (const t of Object.values(tasks)) {
    if (t.status !== 'open') continue;
    if (t.expiresAt !== null && Date.parse(t.expiresAt) <= now) {
      due.push({ type: 'TaskExpired', at, taskId: t.id });
      continue;
    }
    if (t.remindedAt === null && Date.parse(t.remindAt) <= now && Date.parse(t.dueAt) > now)
      due.push({ type: 'TaskReminded', at, taskId: t.id });
    if (t.escalateAt !== null && t.escalatedAt === null && Date.parse(t.escalateAt) <= now)
      due.push({ type: 'TaskEscalated', at, taskId: t.id });
  }
  return due;
}

/** The instants at which the open tasks' timers fire. */
export function taskTimerInstants(tasks: Readonly<Record<string, Task>>): number[] {
  const times: number[] = [];
  for (const t of Object.values(tasks)) {
    if (t.status !== 'open') continue;
    if (t.expiresAt !== null) times.push(Date.parse(t.expiresAt));
    if (t.remindedAt === null && Date.parse(t.remindAt) < Date.parse(t.dueAt)) times.push(Date.parse(t.remindAt));
    if (t.escalateAt !== null && t.escalatedAt === null) times.push(Date.parse(t.escalateAt));
  }
  return times;
}
