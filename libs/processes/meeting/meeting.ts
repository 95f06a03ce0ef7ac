import type { Actor } from '../../domain/roles';
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
  TaskKind,
  taskTimerInstants,
} from '../../domain/tasks';
import { answerErrors } from '../task-answer';
import { IMPEDIMENT_STATUSES, MEETING_ANSWERS } from './answers';

export { IMPEDIMENT_STATUSES };

/**
 * A Network meeting (DESIGN, process 2; ToR "Meeting Frequency": quarterly and as needed). SCHEDULED → AGENDA_CALL
 * (every member agency and every TWG lead may propose items) → AGENDA_PUBLISHED (the proposals plus the items that
 * add themselves) → HELD (the coordinator records attendance, minutes, decisions and action items) → MINUTES_REVIEW
 * (an adopt-minutes decision by silence; an objection sends the minutes back for correction) → ADOPTED. Action items
 * are tasks of their owner agency, carried to every later agenda until done or dropped. Pure, like every process.
 */
export const MEETING_STATUSES = [
  'SCHEDULED',
  'AGENDA_CALL',
  'AGENDA_PUBLISHED',
  'HELD',
  'MINUTES_REVIEW',
  'ADOPTED',
  'CANCELLED',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MeetingOffsets {
  readonly reminderBeforeMs: number;
  readonly escalationAfterMs: number;
  /** How long the members have to object to the minutes. */
  readonly minutesReviewMs: number;
  /** The coordinator's time to record the meeting, or to correct its minutes after an objection. */
  readonly writingMs: number;
}

export interface MeetingInput {
  readonly network: string;
  /** `2027-Q2` for a quarterly meeting, `adhoc-…` for another; the workflow id is `meeting:{network}:{id}`. */
  readonly id: string;
  readonly kind: 'quarterly' | 'adhoc';
  readonly year: number;
  readonly quarter: number | null;
  readonly title: string;
  readonly scheduledAt: string;
  readonly agendaCallAt: string;
  readonly agendaDueAt: string;
  readonly offsets: MeetingOffsets;
  readonly convenedBy: Actor;
}

/** Who is asked for agenda items: each member agency, and each TWG's lead agency on the TWG's behalf. */
export interface Invitee {
  readonly agency: string;
  readonly twg: string | null;
}

export const AGENDA_SOURCES = [
  'proposed',
  'impediment',
  'government-issue',
  'action-item',
  'decision',
  'delayed-activity',
] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

export interface AgendaItem {
  readonly id: string;
  readonly source: AgendaSource;
  readonly title: string;
  /** What the item is about: an impediment, an action item (its task id), a decision or an activity; none for a proposal. */
  readonly ref: string | null;
  /** The agency (or TWG) that proposed it, or that owns it. */
  readonly by: string | null;
  readonly note: string | null;
  /** Action items: when the item was opened, its age in days when the agenda was published, and how many agendas carried it before. */
  readonly openedAt?: string;
  readonly ageDays?: number;
  readonly timesCarried?: number;
}

export interface Attendance {
  readonly agency: string;
  /** Participation is at the level of Deputies or Senior Programme Managers: a named person with a title. */
  readonly name: string;
  readonly title: string;
}

export interface ActionItemSpec {
  readonly title: string;
  readonly owner: string;
  readonly dueAt: string;
  /** The impediment it addresses: done, the impediment is resolved. */
  readonly impediment?: string | null;
}

export type ImpedimentStatus = (typeof IMPEDIMENT_STATUSES)[number];

export interface ImpedimentOutcome {
  readonly id: string;
  readonly status: ImpedimentStatus;
  readonly note: string;
}

export interface MeetingRecord {
  readonly attendance: readonly Attendance[];
  readonly minutes: string;
  readonly decisions: readonly string[];
  readonly actionItems: readonly ActionItemSpec[];
  readonly impediments: readonly ImpedimentOutcome[];
}

export type MeetingEvent =
  | TaskEvent
  | { readonly type: 'MeetingScheduled'; readonly at: string; readonly input: MeetingInput }
  | {
      readonly type: 'AgendaCallOpened';
      readonly at: string;
      readonly invitees: readonly Invitee[];
      readonly members: readonly string[];
      readonly coordinatorAgency: string;
    }
  | { readonly type: 'AgendaPublished'; readonly at: string; readonly items: readonly AgendaItem[] }
  | {
      readonly type: 'MeetingRescheduled';
      readonly at: string;
      readonly by: Actor;
      readonly reason: string;
      readonly scheduledAt: string;
    }
  | { readonly type: 'MeetingCancelled'; readonly at: string; readonly by: Actor; readonly reason: string }
  | { readonly type: 'MinutesCirculated'; readonly at: string; readonly round: number; readonly decision: string }
  | { readonly type: 'MinutesObjected'; readonly at: string; readonly round: number; readonly note?: string }
  | { readonly type: 'MinutesAdopted'; readonly at: string; readonly round: number };

export interface MinutesReview {
  readonly round: number;
  /** The adopt-minutes decision's workflow id. */
  readonly decision: string;
  readonly outcome: 'circulating' | 'objected' | 'adopted';
  readonly at: string;
}

export interface MeetingState {
  readonly input: MeetingInput | null;
  readonly status: MeetingStatus | 'NOT_SCHEDULED';
  /** Current dates, after any rescheduling. */
  readonly scheduledAt: string | null;
  readonly agendaCallAt: string | null;
  readonly agendaDueAt: string | null;
  readonly invitees: readonly Invitee[];
  /** The member agencies when the agenda call opened: who may attend and own action items. */
  readonly members: readonly string[];
  readonly coordinatorAgency: string | null;
  readonly agenda: readonly AgendaItem[];
  readonly agendaPublishedAt: string | null;
  readonly record: MeetingRecord | null;
  readonly heldAt: string | null;
  /** Every version of the minutes; the last is current. */
  readonly minutes: readonly { readonly version: number; readonly text: string; readonly at: string }[];
  readonly reviews: readonly MinutesReview[];
  readonly reschedules: readonly {
    readonly at: string;
    readonly by: Actor;
    readonly reason: string;
    readonly from: string;
    readonly to: string;
  }[];
  readonly cancelled: { readonly at: string; readonly by: Actor; readonly reason: string } | null;
  readonly adoptedAt: string | null;
  readonly tasks: Readonly<Record<string, Task>>;
  readonly revision: number;
}

const INITIAL_MEETING: MeetingState = {
  input: null,
  status: 'NOT_SCHEDULED',
  scheduledAt: null,
  agendaCallAt: null,
  agendaDueAt: null,
  invitees: [],
  members: [],
  coordinatorAgency: null,
  agenda: [],
  agendaPublishedAt: null,
  record: null,
  heldAt: null,
  minutes: [],
  reviews: [],
  reschedules: [],
  cancelled: null,
  adoptedAt: null,
  tasks: {},
  revision: 0,
};

/** The state the process starts from, before its first event. */
export function initialMeetingState(): MeetingState {
  return INITIAL_MEETING;
}

export function meetingWorkflowId(network: string, id: string): string {
  return `meeting:${network}:${id}`;
}

export class MeetingTransitionError extends Error {
  constructor(
    readonly event: MeetingEvent['type'],
    readonly status: MeetingState['status'],
    detail: string,
  ) {
    super(`${event} is not allowed while ${status}: ${detail}`);
    this.name = 'MeetingTransitionError';
  }
}

/** The phase in which each of a meeting's task kinds can be completed; action items are done whenever. */
const TASK_STATUS: Partial<Record<TaskKind, MeetingStatus>> = {
  'propose-agenda-items': 'AGENDA_CALL',
  'record-meeting': 'AGENDA_PUBLISHED',
  'correct-minutes': 'MINUTES_REVIEW',
};

/** The state guard of an answer, and with a payload the payload rules too (the Update's validator). */
export function checkMeetingCommand(
  state: MeetingState,
  cmd: Omit<CompleteTaskCommand, 'payload'> & { payload?: unknown },
  now: number,
): Rejection | undefined {
  const task = state.tasks[cmd.taskId];
  const closed = checkTaskOpen(task, cmd.by, now);
  if (closed) return closed;
  const phase = TASK_STATUS[task.kind];
  if (state.status === 'CANCELLED' || (phase !== undefined && state.status !== phase))
    return rejection('PHASE_CLOSED', `The meeting is ${state.status}`);
  if (cmd.payload === undefined) return undefined;
  const answer = MEETING_ANSWERS[task.kind];
  if (!answer) return invalidPayload([{ field: 'taskId', message: `a meeting has no ${task.kind} task` }]);
  return invalidPayload(answerErrors(answer, cmd.payload, { members: state.members, networkObjectives: 0, now }));
}

/** The coordinator's commands on a meeting: who and when. */
export function checkMeetingChange(
  state: MeetingState,
  by: Actor,
  command: 'reschedule' | 'cancel' | 'drop',
  now: number,
  arg?: string,
): Rejection | undefined {
  if (by.role !== 'coordinator')
    return rejection(
      'NOT_ASSIGNEE',
      `Only the coordinator may ${command} ${command === 'drop' ? 'an action item' : 'a meeting'}`,
    );
  if (command === 'drop') {
    const task = arg === undefined ? undefined : state.tasks[arg];
    if (!task || task.kind !== 'action-item')
      return rejection('TASK_NOT_FOUND', `This meeting has no action item ${arg}`);
    return task.status === 'open' ? undefined : rejection('TASK_CLOSED', `Action item ${task.id} is ${task.status}`);
  }
  if (!['SCHEDULED', 'AGENDA_CALL', 'AGENDA_PUBLISHED'].includes(state.status)) {
    return rejection(
      'PHASE_CLOSED',
      `The meeting is ${state.status}: only a meeting not yet held is ${command === 'cancel' ? 'cancelled' : 'rescheduled'}`,
    );
  }
  if (command === 'reschedule' && Object.values(state.tasks).some((t) => t.kind === 'record-meeting')) {
    return rejection('PHASE_CLOSED', 'The meeting has sat: record it, or cancel it and convene another');
  }
  if (command === 'reschedule' && !(arg !== undefined && Date.parse(arg) > now)) {
    return rejection('INVALID_PAYLOAD', 'scheduledAt must be in the future', [
      { field: 'scheduledAt', message: 'must be an ISO-8601 date-time in the future' },
    ]);
  }
  return undefined;
}

const latestReview = (state: MeetingState) => state.reviews[state.reviews.length - 1];

function applyUncounted(state: MeetingState, event: MeetingEvent): MeetingState {
  if (isTaskEvent(event)) {
    if (event.type === 'TaskCompleted') {
      const refused = checkMeetingCommand(state, { taskId: event.taskId, by: event.by }, Date.parse(event.at));
      if (refused) throw new MeetingTransitionError(event.type, state.status, refused.message);
    }
    const task = state.tasks[event.type === 'TaskOpened' ? event.task.id : event.taskId];
    const next = { ...state, tasks: applyTaskEvent(state.tasks, event) };
    if (event.type !== 'TaskCompleted') return next;
    if (task.kind === 'record-meeting') {
      const p = event.payload as Partial<MeetingRecord>;
      const record: MeetingRecord = {
        attendance: p.attendance ?? [],
        minutes: p.minutes ?? '',
        decisions: p.decisions ?? [],
        actionItems: p.actionItems ?? [],
        impediments: p.impediments ?? [],
      };
      return {
        ...next,
        status: 'HELD',
        record,
        heldAt: event.at,
        minutes: [{ version: 1, text: record.minutes, at: event.at }],
      };
    }
    if (task.kind === 'correct-minutes') {
      const text = (event.payload as { minutes: string }).minutes;
      return { ...next, minutes: [...state.minutes, { version: state.minutes.length + 1, text, at: event.at }] };
    }
    return next;
  }
  const guard = (ok: boolean, detail: string) => {
    if (!ok) throw new MeetingTransitionError(event.type, state.status, detail);
  };
  switch (event.type) {
    case 'MeetingScheduled':
      guard(state.status === 'NOT_SCHEDULED', 'a meeting is scheduled once');
      return {
        ...state,
        status: 'SCHEDULED',
        input: event.input,
        scheduledAt: event.input.scheduledAt,
        agendaCallAt: event.input.agendaCallAt,
        agendaDueAt: event.input.agendaDueAt,
      };
    case 'AgendaCallOpened':
      guard(state.status === 'SCHEDULED', 'the call opens once');
      return {
        ...state,
        status: 'AGENDA_CALL',
        invitees: event.invitees,
        members: event.members,
        coordinatorAgency: event.coordinatorAgency,
      };
    case 'AgendaPublished':
      guard(state.status === 'AGENDA_CALL', 'the agenda is published once, after the call');
      return { ...state, status: 'AGENDA_PUBLISHED', agenda: event.items, agendaPublishedAt: event.at };
    case 'MeetingRescheduled': {
      guard(
        ['SCHEDULED', 'AGENDA_CALL', 'AGENDA_PUBLISHED'].includes(state.status),
        'only a meeting not yet held is rescheduled',
      );
      const shift = Date.parse(event.scheduledAt) - Date.parse(state.scheduledAt!);
      // The dates still ahead move with the meeting (never before the moment it was rescheduled); those passed stay.
      const moved = (d: string | null) =>
        d !== null && Date.parse(d) > Date.parse(event.at)
          ? new Date(Math.max(Date.parse(event.at), Date.parse(d) + shift)).toISOString()
          : d;
      const reschedule = {
        at: event.at,
        by: event.by,
        reason: event.reason,
        from: state.scheduledAt!,
        to: event.scheduledAt,
      };
      const agendaDueAt = moved(state.agendaDueAt)!;
      // Proposals still open follow the call's new closing time.
      const tasks = Object.fromEntries(
        Object.entries(state.tasks).map(([id, t]) =>
          t.kind === 'propose-agenda-items' && t.status === 'open' && t.dueAt !== agendaDueAt
            ? [id, retimed(t, agendaDueAt, state.input!.offsets.reminderBeforeMs)]
            : [id, t],
        ),
      );
      return {
        ...state,
        tasks,
        scheduledAt: event.scheduledAt,
        agendaCallAt: moved(state.agendaCallAt),
        agendaDueAt,
        reschedules: [...state.reschedules, reschedule],
      };
    }
    case 'MeetingCancelled':
      guard(
        ['SCHEDULED', 'AGENDA_CALL', 'AGENDA_PUBLISHED'].includes(state.status),
        'only a meeting not yet held is cancelled',
      );
      return { ...state, status: 'CANCELLED', cancelled: { at: event.at, by: event.by, reason: event.reason } };
    case 'MinutesCirculated': {
      const last = latestReview(state);
      guard(
        state.status === 'HELD' || (state.status === 'MINUTES_REVIEW' && last?.outcome === 'objected'),
        'the minutes circulate after the meeting, or after a correction',
      );
      return {
        ...state,
        status: 'MINUTES_REVIEW',
        reviews: [
          ...state.reviews,
          { round: event.round, decision: event.decision, outcome: 'circulating', at: event.at },
        ],
      };
    }
    case 'MinutesObjected':
    case 'MinutesAdopted': {
      const last = latestReview(state);
      guard(
        state.status === 'MINUTES_REVIEW' && last?.round === event.round && last.outcome === 'circulating',
        `round ${event.round} of the minutes is not circulating`,
      );
      const outcome = event.type === 'MinutesAdopted' ? 'adopted' : 'objected';
      const reviews = [...state.reviews.slice(0, -1), { ...last, outcome, at: event.at } as MinutesReview];
      return event.type === 'MinutesAdopted'
        ? { ...state, status: 'ADOPTED', reviews, adoptedAt: event.at }
        : { ...state, reviews };
    }
  }
}

/** A task that expires at its due time, moved to another due time (its reminder with it, unless already sent). */
function retimed(t: Task, dueAt: string, reminderBeforeMs: number): Task {
  const remindAt = t.remindedAt
    ? t.remindAt
    : new Date(Math.max(Date.parse(t.openedAt), Date.parse(dueAt) - reminderBeforeMs)).toISOString();
  return { ...t, dueAt, expiresAt: dueAt, remindAt, version: t.version + 1 };
}

export function applyMeetingEvent(state: MeetingState, event: MeetingEvent): MeetingState {
  return { ...applyUncounted(state, event), revision: state.revision + 1 };
}

/** What the workflow must fetch or start before the meeting can move on: the invitees, the agenda's own items, a minutes review. */
export type MeetingNeed = 'invitees' | 'agenda' | 'minutes-review';

export function meetingNeed(state: MeetingState, now: number): MeetingNeed | undefined {
  const tasks = Object.values(state.tasks);
  switch (state.status) {
    case 'SCHEDULED':
      return now >= Date.parse(state.agendaCallAt!) ? 'invitees' : undefined;
    case 'AGENDA_CALL': {
      const proposals = tasks.filter((t) => t.kind === 'propose-agenda-items');
      const callOver =
        now >= Date.parse(state.agendaDueAt!) || (proposals.length > 0 && proposals.every((t) => t.status !== 'open'));
      return callOver && proposals.every((t) => t.status !== 'open') ? 'agenda' : undefined;
    }
    case 'HELD':
      return 'minutes-review';
    case 'MINUTES_REVIEW': {
      const last = latestReview(state);
      return last?.outcome === 'objected' && state.tasks[minutesCorrectionId(state, last.round)]?.status === 'completed'
        ? 'minutes-review'
        : undefined;
    }
    default:
      return undefined;
  }
}

function minutesCorrectionId(state: MeetingState, round: number): string {
  return `${meetingWorkflowId(state.input!.network, state.input!.id)}:correct-minutes:r${round}`;
}

/** The proposals of the agenda call as agenda items, in the order the invitees were asked. */
export function proposedItems(state: MeetingState): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const t of Object.values(state.tasks)) {
    if (t.kind !== 'propose-agenda-items' || t.status !== 'completed') continue;
    const by = t.subject?.startsWith('twg:') ? `${t.subject.slice(4)} (TWG, lead ${t.assignee})` : t.assignee;
    for (const p of (t.result as { items: { title: string; note?: string | null }[] }).items) {
      items.push({
        id: `P${items.length + 1}`,
        source: 'proposed',
        title: p.title,
        ref: null,
        by,
        note: p.note ?? null,
      });
    }
  }
  return items;
}

/**
 * What time and the answers make happen: task timers; the agenda call's tasks; the record task when the meeting sits;
 * the action items once it is held; a correction task after an objection to the minutes; and, once cancelled, the
 * open tasks closed with the reason.
 */
export function decideMeeting(state: MeetingState, now: number, process: string): MeetingEvent[] {
  const input = state.input;
  if (!input) return [];
  const at = new Date(now).toISOString();
  const tasks = Object.values(state.tasks);
  if (state.status === 'CANCELLED') {
    return tasks
      .filter((t) => t.status === 'open')
      .map((t) => ({
        type: 'TaskCancelled',
        at,
        taskId: t.id,
        reason: `meeting cancelled: ${state.cancelled!.reason}`,
      }));
  }
  const timers = dueTaskTimers(state.tasks, now);
  if (timers.length > 0) return timers;
  const open = (
    kind: TaskKind,
    assignee: string,
    role: 'agency' | 'coordinator',
    subject: string[],
    dueAt: string,
  ): MeetingEvent => ({
    type: 'TaskOpened',
    at,
    task: newTask({
      kind,
      network: input.network,
      process,
      assignee,
      assigneeRole: role,
      subject,
      openedAt: at,
      dueAt,
      offsets: input.offsets,
    }),
  });
  const later = (ms: number) => new Date(now + ms).toISOString();

  // Action items, once the meeting is held: tasks of their owners, whatever becomes of the minutes.
  if (state.record) {
    const opened = state.record.actionItems.flatMap((a, i) =>
      state.tasks[`${process}:action-item:A${i + 1}`]
        ? []
        : [open('action-item', a.owner, 'agency', [`A${i + 1}`], a.dueAt)],
    );
    if (opened.length > 0) return opened;
  }
  switch (state.status) {
    case 'AGENDA_CALL': {
      if (tasks.some((t) => t.kind === 'propose-agenda-items')) return [];
      const due = Date.parse(state.agendaDueAt!) > now ? state.agendaDueAt! : at;
      return state.invitees.map((i) =>
        open('propose-agenda-items', i.agency, 'agency', i.twg ? ['twg', i.twg] : [i.agency], due),
      );
    }
    case 'AGENDA_PUBLISHED':
      if (now < Date.parse(state.scheduledAt!) || tasks.some((t) => t.kind === 'record-meeting')) return [];
      return [open('record-meeting', state.coordinatorAgency!, 'coordinator', [], later(input.offsets.writingMs))];
    case 'MINUTES_REVIEW': {
      const last = latestReview(state)!;
      if (last.outcome !== 'objected' || state.tasks[minutesCorrectionId(state, last.round)]) return [];
      return [
        open(
          'correct-minutes',
          state.coordinatorAgency!,
          'coordinator',
          [`r${last.round}`],
          later(input.offsets.writingMs),
        ),
      ];
    }
    default:
      return [];
  }
}

export function nextMeetingWakeUp(state: MeetingState, now: number): number | undefined {
  const times = taskTimerInstants(state.tasks);
  if (state.status === 'SCHEDULED') times.push(Date.parse(state.agendaCallAt!));
  if (state.status === 'AGENDA_CALL') times.push(Date.parse(state.agendaDueAt!));
  if (state.status === 'AGENDA_PUBLISHED') times.push(Date.parse(state.scheduledAt!));
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}

/** A meeting's workflow ends once its minutes are adopted (or it was cancelled) and no task of it is open. */
export function meetingFinished(state: MeetingState): boolean {
  return (
    (state.status === 'ADOPTED' || state.status === 'CANCELLED') &&
    Object.values(state.tasks).every((t) => t.status !== 'open')
  );
}
