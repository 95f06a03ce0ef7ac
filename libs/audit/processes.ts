import { AnnualCycleInput, applyCycleEvent, CycleEvent, CycleState, initialCycleState } from '../processes/annual-cycle/annual-cycle';
import { applyDecisionEvent, DecisionEvent, DecisionInput, initialDecisionState } from '../processes/decision/decision';
import { applyMeetingEvent, INITIAL_MEETING, MeetingEvent } from '../processes/meeting/meeting';
import type { Actor } from '../domain/roles';
import { applyTwgRoundEvent, INITIAL_TWG_ROUND, TwgRoundEvent } from '../processes/twg-round/twg-round';

/**
 * Each workflow type's reducer, as the audit side uses it: the state a process starts from (given its input) and the
 * fold of one domain event. The same functions the workflows use, so a state rebuilt here is the workflow's own.
 */
interface Fold<S = unknown, E = unknown> {
  readonly initial: (input: Record<string, unknown>) => S;
  readonly apply: (state: S, event: E) => S;
  /** The phase or status a person reads. */
  readonly status: (state: S) => string;
}

const fold = <S, E>(f: Fold<S, E>): Fold => f as unknown as Fold;

export const PROCESS_FOLDS: Record<string, Fold> = {
  annualCycleWorkflow: fold<CycleState, CycleEvent>({
    initial: (input) => {
      const i = input as unknown as AnnualCycleInput;
      return i.resume ?? initialCycleState(i.network, i.year); // a continued run starts where the previous one stopped
    },
    apply: applyCycleEvent,
    status: (s) => s.phase,
  }),
  decisionWorkflow: fold({ initial: (input) => initialDecisionState(input as unknown as DecisionInput), apply: (s, e: DecisionEvent) => applyDecisionEvent(s, e), status: (s) => s.status }),
  twgRoundWorkflow: fold({ initial: () => INITIAL_TWG_ROUND, apply: (s, e: TwgRoundEvent) => applyTwgRoundEvent(s, e), status: (s) => s.status }),
  meetingWorkflow: fold({ initial: () => INITIAL_MEETING, apply: (s, e: MeetingEvent) => applyMeetingEvent(s, e), status: (s) => s.status }),
};

/** Who acted, if the event says: completions, withdrawals, reschedules, the start of a cycle. */
export function actorOfEvent(event: Record<string, unknown>): Actor | null {
  const by = event.by as Actor | undefined;
  return by && typeof by === 'object' ? by : null;
}

/** One line a person reads, from the event's own fields. */
export function describeEvent(e: Record<string, unknown>): string {
  const task = e.task as { id: string; assignee: string; dueAt: string } | undefined;
  switch (e.type) {
    case 'TaskOpened':
      return `task ${task!.id} opened for ${task!.assignee}, due ${task!.dueAt}`;
    case 'TaskCompleted':
      return `task ${String(e.taskId)} completed`;
    case 'TaskReminded':
    case 'TaskEscalated':
    case 'TaskExpired':
      return `task ${String(e.taskId)} ${String(e.type).slice(4).toLowerCase()}`;
    case 'TaskCancelled':
      return `task ${String(e.taskId)} cancelled: ${String(e.reason)}`;
    case 'PhaseEntered':
      return `phase ${String(e.phase)}`;
    default: {
      const details = Object.entries(e)
        .filter(([k, v]) => !['type', 'at', 'by', 'input', 'calendar', 'network', 'report', 'summary', 'items', 'invitees', 'proposal'].includes(k) && (typeof v !== 'object' || v === null))
        .map(([k, v]) => `${k}=${String(v)}`);
      return [String(e.type), ...details].join(' ');
    }
  }
}
