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
  taskId,
  taskTimerInstants,
} from '../../domain/tasks';
import { answerErrors } from '../task-answer';
import { DECISION_ANSWERS } from './answers';

/**
 * Decision by silence procedure (DESIGN, process 4): a proposal circulates, every member may object until the
 * deadline, and silence is no objection. An objection ends the round; the coordinator revises (a new round, the old
 * objections kept) or withdraws. Adopted, the decision's effect is applied once. Pure, like the annual cycle.
 */
export const DECISION_KINDS = ['establish-twg', 'abolish-twg', 'adopt-minutes', 'general'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type DecisionStatus = 'CIRCULATING' | 'OBJECTED' | 'ADOPTED' | 'WITHDRAWN';

export interface DecisionInput {
  readonly network: string;
  readonly id: string;
  readonly kind: DecisionKind;
  readonly title: string;
  readonly text: string;
  readonly payload: unknown;
  readonly deadline: string;
  readonly proposedBy: Actor;
  /** Set by a meeting for its minutes: an objection ends the decision (the meeting corrects and circulates anew). */
  readonly endsWhenObjected?: boolean;
}

export interface DecisionProposal {
  readonly title: string;
  readonly text: string;
  readonly payload: unknown;
  readonly deadline: string;
}

export type DecisionEvent =
  | TaskEvent
  | {
      readonly type: 'DecisionCirculated';
      readonly at: string;
      readonly round: number;
      readonly proposal: DecisionProposal;
      readonly members: readonly string[];
      /** Who circulated it again (a revision); the first round's proposer is the start's. */
      readonly by?: Actor;
    }
  | { readonly type: 'DecisionObjected'; readonly at: string }
  | { readonly type: 'DecisionAdopted'; readonly at: string }
  | { readonly type: 'DecisionWithdrawn'; readonly at: string; readonly by: Actor; readonly reason: string }
  | { readonly type: 'DecisionEffectApplied'; readonly at: string; readonly outcome: string };

export interface DecisionState {
  readonly network: string;
  readonly id: string;
  readonly kind: DecisionKind;
  readonly status: DecisionStatus | 'NOT_CIRCULATED';
  readonly round: number;
  readonly proposal: DecisionProposal | null;
  /** The members asked in the current round: those of the network when it was circulated. */
  readonly members: readonly string[];
  readonly tasks: Readonly<Record<string, Task>>;
  /** Every objection of every round, kept across revisions. */
  readonly objections: readonly {
    readonly round: number;
    readonly agency: string;
    readonly reason: string;
    readonly at: string;
  }[];
  readonly circulatedAt: string | null;
  readonly adoptedAt: string | null;
  readonly withdrawn: { readonly at: string; readonly by: Actor; readonly reason: string } | null;
  readonly effectAppliedAt: string | null;
  /** `applied`, or why there was nothing to apply (a TWG established meanwhile by another decision, say). */
  readonly effectOutcome: string | null;
  readonly revision: number;
}

export function initialDecisionState(input: Pick<DecisionInput, 'network' | 'id' | 'kind'>): DecisionState {
  return {
    network: input.network,
    id: input.id,
    kind: input.kind,
    status: 'NOT_CIRCULATED',
    round: 0,
    proposal: null,
    members: [],
    tasks: {},
    objections: [],
    circulatedAt: null,
    adoptedAt: null,
    withdrawn: null,
    effectAppliedAt: null,
    effectOutcome: null,
    revision: 0,
  };
}

export class DecisionTransitionError extends Error {
  constructor(
    readonly event: DecisionEvent['type'],
    readonly status: DecisionState['status'],
    detail: string,
  ) {
    super(`${event} is not allowed while ${status}: ${detail}`);
    this.name = 'DecisionTransitionError';
  }
}

/** The Update's validator and the reducer's guard: a member answers its task of the current round while it circulates. */
export function checkDecisionCommand(
  state: DecisionState,
  cmd: Omit<CompleteTaskCommand, 'payload'> & { payload?: unknown },
  now: number,
): Rejection | undefined {
  const closed = checkTaskOpen(state.tasks[cmd.taskId], cmd.by, now);
  if (closed) return closed;
  if (state.status !== 'CIRCULATING')
    return rejection('PHASE_CLOSED', `Decision ${state.id} is ${state.status}: it takes no answers`);
  if (cmd.payload === undefined) return undefined;
  const answer = DECISION_ANSWERS['concur-or-object']!;
  return invalidPayload(answerErrors(answer, cmd.payload, { members: state.members, networkObjectives: 0, now }));
}

function applyUncounted(state: DecisionState, event: DecisionEvent): DecisionState {
  if (isTaskEvent(event)) {
    if (event.type === 'TaskCompleted') {
      const refused = checkDecisionCommand(state, { taskId: event.taskId, by: event.by }, Date.parse(event.at));
      if (refused) throw new DecisionTransitionError(event.type, state.status, refused.message);
    }
    const next = { ...state, tasks: applyTaskEvent(state.tasks, event) };
    const answer = event.type === 'TaskCompleted' ? (event.payload as { answer: string; reason?: string }) : undefined;
    if (answer?.answer !== 'object') return next;
    const agency = state.tasks[(event as { taskId: string }).taskId].assignee;
    return {
      ...next,
      objections: [...next.objections, { round: state.round, agency, reason: answer.reason ?? '', at: event.at }],
    };
  }
  const guard = (ok: boolean, detail: string) => {
    if (!ok) throw new DecisionTransitionError(event.type, state.status, detail);
  };
  switch (event.type) {
    case 'DecisionCirculated':
      guard(
        state.status === 'NOT_CIRCULATED' || state.status === 'OBJECTED',
        'only a new or objected proposal circulates',
      );
      return {
        ...state,
        status: 'CIRCULATING',
        round: event.round,
        proposal: event.proposal,
        members: event.members,
        circulatedAt: event.at,
      };
    case 'DecisionObjected':
      guard(state.status === 'CIRCULATING', 'not circulating');
      return { ...state, status: 'OBJECTED' };
    case 'DecisionAdopted':
      guard(state.status === 'CIRCULATING', 'not circulating');
      return { ...state, status: 'ADOPTED', adoptedAt: event.at };
    case 'DecisionWithdrawn':
      guard(state.status === 'CIRCULATING' || state.status === 'OBJECTED', 'already closed');
      return { ...state, status: 'WITHDRAWN', withdrawn: { at: event.at, by: event.by, reason: event.reason } };
    case 'DecisionEffectApplied':
      guard(state.status === 'ADOPTED' && state.effectAppliedAt === null, 'the effect is applied once, after adoption');
      return { ...state, effectAppliedAt: event.at, effectOutcome: event.outcome };
  }
}

export function applyDecisionEvent(state: DecisionState, event: DecisionEvent): DecisionState {
  return { ...applyUncounted(state, event), revision: state.revision + 1 };
}

const DAY = 86_400_000;

/** A round's reminder: a quarter of the way before its deadline, at most three days before. Answers expire at it. */
export function roundOffsets(openedAt: number, deadline: number) {
  return {
    reminderBeforeMs: Math.max(1, Math.min(3 * DAY, Math.round((deadline - openedAt) / 4))),
    escalationAfterMs: DAY,
  };
}

/** What time and the answers make happen: the round's tasks, their timers, and the round's outcome. */
export function decideDecision(state: DecisionState, now: number, process: string): DecisionEvent[] {
  if (state.status !== 'CIRCULATING' || !state.proposal) {
    // A withdrawn decision asks nothing more of anyone.
    if (state.status === 'WITHDRAWN') {
      return Object.values(state.tasks)
        .filter((t) => t.status === 'open')
        .map((t) => ({
          type: 'TaskCancelled',
          at: new Date(now).toISOString(),
          taskId: t.id,
          reason: `decision withdrawn: ${state.withdrawn?.reason}`,
        }));
    }
    return [];
  }
  const at = new Date(now).toISOString();
  const timers = dueTaskTimers(state.tasks, now);
  if (timers.length > 0) return timers;
  const round = Object.values(state.tasks).filter((t) => t.subject?.startsWith(`r${state.round}:`));
  const deadline = Date.parse(state.proposal.deadline);
  if (state.members.length === 0) return now >= deadline ? [{ type: 'DecisionAdopted', at }] : []; // nobody to object
  if (round.length === 0) {
    const offsets = roundOffsets(now, deadline);
    return state.members.map((m) => ({
      type: 'TaskOpened',
      at,
      task: newTask({
        kind: 'concur-or-object',
        network: state.network,
        process,
        assignee: m,
        assigneeRole: 'agency',
        subject: [`r${state.round}`, m],
        openedAt: at,
        dueAt: state.proposal!.deadline,
        offsets,
      }),
    }));
  }
  if (state.objections.some((o) => o.round === state.round)) {
    const open = round.filter((t) => t.status === 'open');
    if (open.length > 0)
      return open.map((t) => ({
        type: 'TaskCancelled',
        at,
        taskId: t.id,
        reason: `round ${state.round} ended with an objection`,
      }));
    return [{ type: 'DecisionObjected', at }];
  }
  return round.every((t) => t.status !== 'open') ? [{ type: 'DecisionAdopted', at }] : [];
}

export function nextDecisionWakeUp(state: DecisionState, now: number): number | undefined {
  const deadline = state.status === 'CIRCULATING' && state.proposal ? [Date.parse(state.proposal.deadline)] : [];
  const future = [...taskTimerInstants(state.tasks), ...deadline].filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}

export function decisionWorkflowId(network: string, id: string): string {
  return `decision:${network}:${id}`;
}

export function decisionTaskId(process: string, round: number, agency: string): string {
  return taskId(process, 'concur-or-object', `r${round}`, agency);
}
