import type { CycleDeadlines } from '../../domain/calendar';
import type { FieldError } from '../../domain/field-error';
import type { Actor } from '../../domain/roles';
import { invalidPayload, Rejection, rejection, Task, TaskEvent, TaskKind } from '../../domain/tasks';
import { CYCLE_PHASES, CycleEvent, CyclePhase, CycleState } from './annual-cycle';

export type PhaseDeadline = keyof CycleDeadlines;

/** Each deadline of the calendar: the phase it closes, and the tasks that are due by it (their first round's). */
export const PHASE_DEADLINES: Readonly<Record<PhaseDeadline, { phase: CyclePhase; kind: TaskKind; first?: string }>> = {
  planningDue: { phase: 'PLANNING', kind: 'contribute-activities' },
  consolidationDue: { phase: 'CONSOLIDATION', kind: 'consolidate-plan', first: 'r1' },
  endorsementDue: { phase: 'ENDORSEMENT', kind: 'endorse-plan', first: 'r1' },
  reviewDue: { phase: 'ANNUAL_REVIEW', kind: 'finalise-report' },
};
export const PHASE_DEADLINE_NAMES = Object.keys(PHASE_DEADLINES) as PhaseDeadline[];

/** The coordinator moves one of the cycle's deadlines later, with a reason. */
export interface ExtendDeadlineCommand {
  readonly deadline: PhaseDeadline;
  readonly until: string;
  readonly by: Actor;
  readonly reason: string;
}

/** The deadline as it is now, and the tasks the extension moved. */
export interface ExtendedDeadline {
  readonly deadline: PhaseDeadline;
  readonly until: string;
  readonly previous: string;
  readonly tasksExtended: readonly string[];
}

/**
 * Whether `cmd` may move its deadline now: the coordinator's, a deadline whose phase is not over, a time later than
 * the deadline and than now that keeps the calendar's order (planning < consolidation < endorsement < end of year <
 * review), a reason. `payloadRules: false` is the handler's state guard (validators do not run on replay).
 */
export function checkDeadlineExtension(
  state: CycleState,
  cmd: ExtendDeadlineCommand,
  now: number,
  payloadRules = true,
): Rejection | undefined {
  if (cmd.by.role !== 'coordinator')
    return rejection('NOT_ASSIGNEE', "Only the coordinator extends a cycle's deadline");
  const of = PHASE_DEADLINES[cmd.deadline];
  if (!of || !state.calendar)
    return invalidPayload([{ field: 'deadline', message: `must be one of ${PHASE_DEADLINE_NAMES.join(', ')}` }]);
  if (state.phase === 'NOT_STARTED' || CYCLE_PHASES.indexOf(state.phase) > CYCLE_PHASES.indexOf(of.phase))
    return rejection('PHASE_CLOSED', `The cycle is in ${state.phase}: ${cmd.deadline} (${of.phase}) is over`);
  if (!payloadRules) return undefined;
  const { deadlines, end } = state.calendar;
  const until = Date.parse(cmd.until);
  const errors: FieldError[] = [];
  const next = PHASE_DEADLINE_NAMES[PHASE_DEADLINE_NAMES.indexOf(cmd.deadline) + 1];
  const bound: [string, string] | undefined =
    cmd.deadline === 'endorsementDue'
      ? ['the end of the year', end]
      : next !== 'reviewDue' && next
        ? [next, deadlines[next]]
        : undefined;
  if (!(until > Date.parse(deadlines[cmd.deadline])))
    errors.push({ field: 'until', message: `must be later than ${cmd.deadline}, ${deadlines[cmd.deadline]}` });
  else if (!(until > now)) errors.push({ field: 'until', message: 'must be in the future' });
  else if (bound && !(until < Date.parse(bound[1])))
    errors.push({ field: 'until', message: `must be before ${bound[0]}, ${bound[1]} (extend that first)` });
  if (typeof cmd.reason !== 'string' || cmd.reason.trim() === '')
    errors.push({ field: 'reason', message: 'must say why' });
  return invalidPayload(errors);
}

/** The open tasks due by the deadline, earlier than its new time: they are extended to it (their timers move). */
export function tasksDueBy(state: CycleState, deadline: PhaseDeadline, until: string): Task[] {
  const { kind, first } = PHASE_DEADLINES[deadline];
  return Object.values(state.tasks).filter(
    (t) =>
      t.kind === kind &&
      t.status === 'open' &&
      (first === undefined || (t.subject ?? '').split(':')[0] === first) &&
      Date.parse(t.dueAt) < Date.parse(until),
  );
}

/** The events of an accepted extension: the calendar's deadline moves, and each task due by it is extended to it. */
export function deadlineExtensionEvents(state: CycleState, cmd: ExtendDeadlineCommand, at: string): CycleEvent[] {
  const until = new Date(Date.parse(cmd.until)).toISOString();
  const reason = cmd.reason.trim();
  return [
    { type: 'DeadlineExtended', at, deadline: cmd.deadline, until, by: cmd.by, reason },
    ...tasksDueBy(state, cmd.deadline, until).map((t): TaskEvent => ({
      type: 'TaskExtended',
      at,
      taskId: t.id,
      dueAt: until,
      by: cmd.by,
      reason: `${cmd.deadline} extended: ${reason}`,
    })),
  ];
}
