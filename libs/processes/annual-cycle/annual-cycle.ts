import type { Calendar, CycleDeadlines } from '../../domain/calendar';
import type { FieldError } from '../../domain/field-error';
import type { Actor } from '../../domain/roles';
import {
  applyTaskEvent,
  checkTaskOpen,
  CompleteTaskCommand,
  invalidPayload,
  isTaskEvent,
  Rejection,
  rejection,
  Task,
  TaskEvent,
  TaskKind,
} from '../../domain/tasks';
import type { AnnualReport, NetworkYearSummary } from './annual-report-types';
import { answerErrors, type AnswerContext } from '../task-answer';
import { ANNUAL_CYCLE_ANSWERS } from './answers';
import type { ActivityProposal, ActivityStatus, PlanActivity } from './work-plan';

/**
 * The annual cycle (DESIGN, process 1) as a fold of domain events. The workflow and the audit side both rebuild
 * state with `applyAnnualCycleEvent`; `decideAnnualCycle` says which events the passage of time makes due. Both are pure.
 */
export const CYCLE_PHASES = [
  'PLANNING',
  'CONSOLIDATION',
  'ENDORSEMENT',
  'IMPLEMENTATION',
  'ANNUAL_REVIEW',
  'CLOSED',
] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

/** Which phase each kind of task belongs to: it can only be completed while its phase lasts. */
export const TASK_PHASE: Partial<Record<TaskKind, CyclePhase>> = {
  'contribute-activities': 'PLANNING',
  'consolidate-plan': 'CONSOLIDATION',
  'endorse-plan': 'ENDORSEMENT',
  'report-progress': 'IMPLEMENTATION',
  'finalise-report': 'ANNUAL_REVIEW',
};

export interface AnnualCycleInput {
  readonly network: string;
  readonly year: number;
  readonly calendar: Calendar;
  readonly startedBy: Actor;
  /** Set by continue-as-new: the state the previous run reached. */
  readonly resume?: CycleState;
  /** Continue as new once the history holds this many events (tests make it small). */
  readonly maxHistoryEvents?: number;
  /** Whether the cycle starts the year's quarterly meetings and TWG reporting rounds (default: it does). */
  readonly linkedProcesses?: boolean;
}

/** The meetings and TWG rounds a cycle starts from its calendar, and what they did, summarised when the year ends. */
export interface LinkedProcesses {
  readonly meetingsStarted: boolean;
  /** The bi-monthly periods (1–6) whose rounds were started. */
  readonly periodsStarted: readonly number[];
  /** The workflow ids of the meetings and rounds started. */
  readonly started: readonly string[];
  readonly networkYear: NetworkYearSummary | null;
  /** Whether the report carries the summary as it stood when the coordinator finalised it (the year's last rounds and minutes done by then). */
  readonly finalSummary: boolean;
}

/** The network as the cycle found it when it started (loaded by an activity). */
export interface NetworkSnapshot {
  readonly members: readonly string[];
  readonly coordinatorAgency: string;
  readonly networkObjectives: number;
}

export interface PlanRevision {
  readonly revision: number;
  readonly activities: readonly PlanActivity[];
  readonly note: string | null;
  readonly submittedAt: string;
  readonly submittedBy: Actor;
  readonly objections: readonly { readonly agency: string; readonly comment: string; readonly at: string }[];
  readonly endorsedAt: string | null;
}

export interface ProgressReport {
  readonly quarter: number;
  readonly status: ActivityStatus;
  readonly note: string | null;
  /** The values the activity's indicators stood at (absent from reports recorded before indicators were measured). */
  readonly indicators?: readonly { readonly name: string; readonly value: string }[];
  /** US dollars spent on the activity so far this year, when the report says. */
  readonly spent?: number;
  readonly at: string;
  readonly by: Actor;
}

/** The last report given for a quarter (a report may be sent again until its task closes): what the quarter says. */
export function quarterReport(reports: readonly ProgressReport[], quarter: number): ProgressReport | undefined {
  for (let i = reports.length - 1; i >= 0; i--) if (reports[i].quarter === quarter) return reports[i];
  return undefined;
}

/** The value an indicator stood at in a quarter: its quarter's last report's, or null where that gave none. */
export function indicatorValue(reports: readonly ProgressReport[], quarter: number, name: string): string | null {
  return quarterReport(reports, quarter)?.indicators?.find((v) => v.name === name)?.value ?? null;
}

export type CycleEvent =
  | TaskEvent
  | {
      readonly type: 'CycleStarted';
      readonly at: string;
      readonly by: Actor;
      readonly calendar: Calendar;
      readonly network: NetworkSnapshot;
      readonly linked?: boolean;
    }
  | { readonly type: 'MeetingsStarted'; readonly at: string; readonly ids: readonly string[] }
  /** A member agency left the Network: it is asked nothing more this year. */
  | { readonly type: 'MemberLeft'; readonly at: string; readonly agency: string; readonly reason: string }
  | { readonly type: 'TwgRoundsStarted'; readonly at: string; readonly period: number; readonly ids: readonly string[] }
  | { readonly type: 'NetworkYearSummarised'; readonly at: string; readonly summary: NetworkYearSummary }
  | { readonly type: 'PhaseEntered'; readonly at: string; readonly phase: CyclePhase }
  /** The coordinator moved a deadline of the calendar later (the tasks due by it are extended by their own events). */
  | {
      readonly type: 'DeadlineExtended';
      readonly at: string;
      readonly deadline: keyof CycleDeadlines;
      readonly until: string;
      readonly by: Actor;
      readonly reason: string;
    }
  | { readonly type: 'ReportDrafted'; readonly at: string; readonly report: AnnualReport }
  | { readonly type: 'CycleClosed'; readonly at: string };

export interface CycleState {
  readonly network: string;
  readonly year: number;
  readonly phase: CyclePhase | 'NOT_STARTED';
  readonly phaseEnteredAt: string | null;
  readonly calendar?: Calendar;
  readonly startedBy?: Actor;
  readonly startedAt?: string;
  readonly closedAt?: string;
  readonly snapshot?: NetworkSnapshot;
  readonly tasks: Readonly<Record<string, Task>>;
  /** Each member's latest contribution; an empty list where it let the deadline pass. */
  readonly contributions: Readonly<
    Record<string, { readonly activities: readonly ActivityProposal[]; readonly at: string | null }>
  >;
  readonly revisions: readonly PlanRevision[];
  /** Progress reports per activity id, in the order received. */
  readonly progress: Readonly<Record<string, readonly ProgressReport[]>>;
  readonly report:
    | (AnnualReport & {
        readonly finalisedAt: string | null;
        readonly finalisedBy: Actor | null;
        readonly summary: string | null;
      })
    | null;
  /** Number of events folded so far: projections keep the highest, so a retried activity never goes back in time. */
  readonly revision: number;
  /** Absent for cycles that do not run meetings and rounds (and those started before they existed). */
  readonly linked?: LinkedProcesses;
}

export function initialAnnualCycleState(network: string, year: number): CycleState {
  return {
    network,
    year,
    phase: 'NOT_STARTED',
    phaseEnteredAt: null,
    tasks: {},
    contributions: {},
    revisions: [],
    progress: {},
    report: null,
    revision: 0,
  };
}

export class CycleTransitionError extends Error {
  constructor(
    readonly event: CycleEvent['type'],
    readonly phase: CycleState['phase'],
    detail?: string,
  ) {
    super(`${event} is not allowed in phase ${phase}${detail ? `: ${detail}` : ''}`);
    this.name = 'CycleTransitionError';
  }
}

/** The plan the cycle is working on: the latest revision. */
export function currentPlan(state: CycleState): PlanRevision | undefined {
  return state.revisions[state.revisions.length - 1];
}

/** What an answer is checked against: the network's members and objectives as the cycle's snapshot has them. */
export function answerContext(state: CycleState, now: number): AnswerContext {
  return { members: state.snapshot?.members ?? [], networkObjectives: state.snapshot?.networkObjectives ?? 0, now };
}

function payloadErrors(state: CycleState, task: Task, payload: unknown, now: number): FieldError[] {
  const answer = ANNUAL_CYCLE_ANSWERS[task.kind];
  if (!answer) return [{ field: 'body', message: `a ${task.kind} task does not belong to an annual cycle` }];
  const errors = answerErrors(answer, payload, answerContext(state, now));
  return task.kind === 'report-progress' && errors.length === 0
    ? [...errors, ...indicatorErrors(state, task, payload)]
    : errors;
}

/** A progress report names only indicators its activity has in the endorsed plan. */
function indicatorErrors(state: CycleState, task: Task, payload: unknown): FieldError[] {
  const activityId = (task.subject ?? '').split(':')[1];
  const plan = state.revisions[state.revisions.length - 1];
  const known = plan?.activities.find((a) => a.id === activityId)?.indicators.map((i) => i.name) ?? [];
  const reported = ((payload as { indicators?: { name: string }[] }).indicators ?? []).map((i) => i.name);
  return reported.flatMap((name, i) =>
    known.includes(name)
      ? []
      : [
          {
            field: `indicators[${i}].name`,
            message: known.length
              ? `must be an indicator of ${activityId}: ${known.join(', ')}`
              : `${activityId} has no indicators in the work plan`,
          },
        ],
  );
}

/**
 * The state guard of a task completion: the task is open to this actor now, in its phase. The reducer applies it to
 * every TaskCompleted event; payload rules are checked only on commands (see below), so that a stricter rule later
 * does not make recorded events unreplayable.
 */
export function checkTaskTransition(
  state: CycleState,
  cmd: Omit<CompleteTaskCommand, 'payload'>,
  now: number,
): Rejection | undefined {
  const task = state.tasks[cmd.taskId];
  const closed = checkTaskOpen(task, cmd.by, now);
  if (closed) return closed;
  if (state.phase !== TASK_PHASE[task.kind]) {
    return rejection(
      'PHASE_CLOSED',
      `Task ${task.id} belongs to ${TASK_PHASE[task.kind]}; the cycle is in ${state.phase}`,
    );
  }
  return undefined;
}

/** The whole guard of a completion command: the Update's validator calls it. */
export function checkAnnualCycleCommand(
  state: CycleState,
  cmd: CompleteTaskCommand,
  now: number,
): Rejection | undefined {
  const refused = checkTaskTransition(state, cmd, now);
  if (refused) return refused;
  const task = state.tasks[cmd.taskId];
  const errors = payloadErrors(state, task, cmd.payload, now);
  return invalidPayload(errors);
}

const NEXT_PHASE: Record<CyclePhase, readonly CyclePhase[]> = {
  PLANNING: ['CONSOLIDATION'],
  CONSOLIDATION: ['ENDORSEMENT'],
  ENDORSEMENT: ['CONSOLIDATION', 'IMPLEMENTATION'],
  IMPLEMENTATION: ['ANNUAL_REVIEW'],
  ANNUAL_REVIEW: ['CLOSED'],
  CLOSED: [],
};

/** Applies what completing a task means for the cycle, beyond the task itself. */
function completionEffect(
  state: CycleState,
  task: Task,
  event: Extract<CycleEvent, { type: 'TaskCompleted' }>,
): CycleState {
  const payload = event.payload as Record<string, unknown>;
  switch (task.kind) {
    case 'contribute-activities':
      return {
        ...state,
        contributions: {
          ...state.contributions,
          [task.assignee]: { activities: payload.activities as ActivityProposal[], at: event.at },
        },
      };
    case 'consolidate-plan': {
      const revision: PlanRevision = {
        revision: state.revisions.length + 1,
        activities: payload.activities as PlanActivity[],
        note: (payload.note as string | undefined) ?? null,
        submittedAt: event.at,
        submittedBy: event.by,
        objections: [],
        endorsedAt: null,
      };
      return { ...state, revisions: [...state.revisions, revision] };
    }
    case 'endorse-plan': {
      if (payload.decision !== 'object') return state;
      const plan = currentPlan(state)!;
      const objections = [
        ...plan.objections,
        { agency: task.assignee, comment: payload.comment as string, at: event.at },
      ];
      return { ...state, revisions: [...state.revisions.slice(0, -1), { ...plan, objections }] };
    }
    case 'report-progress': {
      const [quarter, activityId] = (task.subject ?? '').split(':');
      const report: ProgressReport = {
        quarter: Number(quarter.slice(1)),
        status: payload.status as ActivityStatus,
        note: (payload.note as string | undefined) ?? null,
        indicators: (payload.indicators as ProgressReport['indicators']) ?? [],
        ...(typeof payload.spent === 'number' ? { spent: payload.spent } : {}),
        at: event.at,
        by: event.by,
      };
      return {
        ...state,
        progress: { ...state.progress, [activityId]: [...(state.progress[activityId] ?? []), report] },
      };
    }
    case 'finalise-report':
      return {
        ...state,
        report: state.report && {
          ...state.report,
          finalisedAt: event.at,
          finalisedBy: event.by,
          summary: payload.summary as string,
        },
      };
    default:
      return state;
  }
}

/** A task event: the process's guard, the task mechanism's transition, then what it means for the cycle. */
function applyTaskEventToCycle(state: CycleState, event: TaskEvent): CycleState {
  if (event.type === 'TaskCompleted') {
    const rejected = checkTaskTransition(state, { taskId: event.taskId, by: event.by }, Date.parse(event.at));
    if (rejected) throw new CycleTransitionError(event.type, state.phase, rejected.message);
  }
  const before = state.tasks[event.type === 'TaskOpened' ? event.task.id : event.taskId];
  const next: CycleState = { ...state, tasks: applyTaskEvent(state.tasks, event) };
  if (event.type === 'TaskCompleted') return completionEffect(next, before, event);
  if (event.type === 'TaskExpired' && before.kind === 'contribute-activities') {
    return { ...next, contributions: { ...next.contributions, [before.assignee]: { activities: [], at: null } } };
  }
  return next;
}

function applyUncounted(state: CycleState, event: CycleEvent): CycleState {
  if (isTaskEvent(event)) return applyTaskEventToCycle(state, event);
  switch (event.type) {
    case 'CycleStarted':
      if (state.phase !== 'NOT_STARTED') throw new CycleTransitionError(event.type, state.phase);
      return {
        ...state,
        phase: 'PLANNING',
        phaseEnteredAt: event.at,
        calendar: event.calendar,
        startedBy: event.by,
        startedAt: event.at,
        snapshot: event.network,
        ...(event.linked
          ? {
              linked: {
                meetingsStarted: false,
                periodsStarted: [],
                started: [],
                networkYear: null,
                finalSummary: false,
              },
            }
          : {}),
      };
    case 'MemberLeft':
      if (!state.snapshot) throw new CycleTransitionError(event.type, state.phase, 'the cycle has not started');
      return {
        ...state,
        snapshot: { ...state.snapshot, members: state.snapshot.members.filter((m) => m !== event.agency) },
      };
    case 'MeetingsStarted':
      if (state.phase !== 'IMPLEMENTATION' || !state.linked || state.linked.meetingsStarted)
        throw new CycleTransitionError(event.type, state.phase, 'meetings start once, in IMPLEMENTATION');
      return {
        ...state,
        linked: { ...state.linked, meetingsStarted: true, started: [...state.linked.started, ...event.ids] },
      };
    case 'TwgRoundsStarted':
      if (!state.linked || state.linked.periodsStarted.includes(event.period))
        throw new CycleTransitionError(event.type, state.phase, `period ${event.period}'s rounds start once`);
      return {
        ...state,
        linked: {
          ...state.linked,
          periodsStarted: [...state.linked.periodsStarted, event.period],
          started: [...state.linked.started, ...event.ids],
        },
      };
    case 'NetworkYearSummarised':
      if (
        state.phase !== 'ANNUAL_REVIEW' ||
        !state.linked ||
        state.linked.finalSummary ||
        (state.report && !state.report.finalisedAt)
      ) {
        throw new CycleTransitionError(
          event.type,
          state.phase,
          'the year is summarised for the draft, then again when the report is finalised',
        );
      }
      if (!state.report) return { ...state, linked: { ...state.linked, networkYear: event.summary } };
      return {
        ...state,
        linked: { ...state.linked, networkYear: event.summary, finalSummary: true },
        report: { ...state.report, networkYear: event.summary },
      };
    case 'PhaseEntered':
      if (state.phase === 'NOT_STARTED' || !NEXT_PHASE[state.phase].includes(event.phase)) {
        throw new CycleTransitionError(event.type, state.phase, `cannot go to ${event.phase}`);
      }
      if (event.phase === 'ENDORSEMENT' && currentPlan(state) === undefined)
        throw new CycleTransitionError(event.type, state.phase, 'no plan submitted');
      return {
        ...state,
        phase: event.phase,
        phaseEnteredAt: event.at,
        revisions:
          event.phase === 'IMPLEMENTATION'
            ? [...state.revisions.slice(0, -1), { ...currentPlan(state)!, endorsedAt: event.at }]
            : state.revisions,
      };
    case 'DeadlineExtended':
      if (!state.calendar || state.phase === 'CLOSED') throw new CycleTransitionError(event.type, state.phase);
      return {
        ...state,
        calendar: { ...state.calendar, deadlines: { ...state.calendar.deadlines, [event.deadline]: event.until } },
      };
    case 'ReportDrafted':
      if (state.phase !== 'ANNUAL_REVIEW' || state.report) throw new CycleTransitionError(event.type, state.phase);
      return { ...state, report: { ...event.report, finalisedAt: null, finalisedBy: null, summary: null } };
    case 'CycleClosed':
      if (state.phase !== 'ANNUAL_REVIEW' || !state.report?.finalisedAt)
        throw new CycleTransitionError(event.type, state.phase, 'report not finalised');
      return { ...state, phase: 'CLOSED', phaseEnteredAt: event.at, closedAt: event.at };
  }
}

export function applyAnnualCycleEvent(state: CycleState, event: CycleEvent): CycleState {
  return { ...applyUncounted(state, event), revision: state.revision + 1 };
}

export function foldAnnualCycleEvents(network: string, year: number, events: readonly CycleEvent[]): CycleState {
  return events.reduce(applyAnnualCycleEvent, initialAnnualCycleState(network, year));
}
