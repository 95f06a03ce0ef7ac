import type { Calendar } from './calendar';
import type { Actor } from './roles';

/**
 * The annual cycle as a fold of domain events (DESIGN, "Event sourcing and audit"). The workflow and the audit side
 * both rebuild state with `applyCycleEvent`; every guard that decides whether an event may happen lives here.
 */
export const CYCLE_PHASES = ['PLANNING', 'CONSOLIDATION', 'ENDORSEMENT', 'IMPLEMENTATION', 'ANNUAL_REVIEW', 'CLOSED'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

export interface AnnualCycleInput {
  readonly network: string;
  readonly year: number;
  readonly calendar: Calendar;
  readonly startedBy: Actor;
}

export type CycleEvent =
  | { readonly type: 'CycleStarted'; readonly at: string; readonly by: Actor; readonly calendar: Calendar }
  | { readonly type: 'CycleClosed'; readonly at: string; readonly reason: 'year-ended' };

export interface CycleState {
  readonly network: string;
  readonly year: number;
  readonly phase: CyclePhase | 'NOT_STARTED';
  readonly calendar?: Calendar;
  readonly startedBy?: Actor;
  readonly startedAt?: string;
  readonly closedAt?: string;
  /** Number of events folded so far: projections keep the highest, so a retried activity never goes back in time. */
  readonly revision: number;
}

export function initialCycleState(network: string, year: number): CycleState {
  return { network, year, phase: 'NOT_STARTED', revision: 0 };
}

export class CycleTransitionError extends Error {
  constructor(readonly event: CycleEvent['type'], readonly phase: CycleState['phase']) {
    super(`${event} is not allowed in phase ${phase}`);
    this.name = 'CycleTransitionError';
  }
}

export function applyCycleEvent(state: CycleState, event: CycleEvent): CycleState {
  switch (event.type) {
    case 'CycleStarted':
      if (state.phase !== 'NOT_STARTED') throw new CycleTransitionError(event.type, state.phase);
      return {
        ...state,
        phase: 'PLANNING',
        calendar: event.calendar,
        startedBy: event.by,
        startedAt: event.at,
        revision: state.revision + 1,
      };
    case 'CycleClosed':
      if (state.phase === 'NOT_STARTED' || state.phase === 'CLOSED') throw new CycleTransitionError(event.type, state.phase);
      return { ...state, phase: 'CLOSED', closedAt: event.at, revision: state.revision + 1 };
  }
}

export function foldCycleEvents(network: string, year: number, events: readonly CycleEvent[]): CycleState {
  return events.reduce(applyCycleEvent, initialCycleState(network, year));
}
