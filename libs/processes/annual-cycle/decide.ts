import { CycleEvent, CycleState, currentPlan } from './annual-cycle';
import { draftAnnualReport } from './annual-report';
import { dueTaskTimers, newTask, taskId, Task, TaskKind, taskTimerInstants } from '../../domain/tasks';

/**
 * What the passage of time and the answers so far make happen next in an annual cycle: task timers (reminders,
 * escalations, expiries), new tasks and phase changes. Pure; the workflow applies the events it returns until
 * there are none, then sleeps until `nextAnnualCycleWakeUp`. A test can drive a whole year through it without Temporal.
 */
export function decideAnnualCycle(state: CycleState, now: number, process: string): CycleEvent[] {
  if (!state.calendar || !state.snapshot || state.phase === 'NOT_STARTED' || state.phase === 'CLOSED') return [];
  const at = new Date(now).toISOString();
  const { calendar, snapshot } = state;
  const tasks = Object.values(state.tasks);

  const timers = dueTaskTimers(state.tasks, now);
  if (timers.length > 0) return timers;

  const open = (
    kind: TaskKind,
    assignee: string,
    role: 'agency' | 'coordinator',
    subject: string[],
    dueAt: string,
    expiresAt?: string,
  ): CycleEvent => ({
    type: 'TaskOpened',
    at,
    task: newTask({
      kind,
      network: state.network,
      process,
      assignee,
      assigneeRole: role,
      subject,
      openedAt: at,
      dueAt,
      expiresAt,
      offsets: calendar.offsets,
    }),
  });
  /** A deadline from the calendar, or, once it has passed, a fresh window from now. */
  const dueBy = (deadline: string | null, windowMs: number) =>
    deadline !== null && Date.parse(deadline) > now ? deadline : new Date(now + windowMs).toISOString();
  const ofKind = (kind: TaskKind, subjectPrefix = '') =>
    tasks.filter((t) => t.kind === kind && (t.subject ?? '').startsWith(subjectPrefix));
  const isOpen = (t: Task) => t.status === 'open';

  switch (state.phase) {
    case 'PLANNING': {
      if (ofKind('contribute-activities').length === 0) {
        return snapshot.members.map((m) =>
          open(
            'contribute-activities',
            m,
            'agency',
            [m],
            dueBy(calendar.deadlines.planningDue, calendar.offsets.revisionMs),
          ),
        );
      }
      // Planning closes when the contribute tasks do (their deadline may be later than the calendar's, for a cycle
      // started after planningDue): until then a contribution may be resubmitted.
      return now >= planningClosesAt(state) ? [{ type: 'PhaseEntered', at, phase: 'CONSOLIDATION' }] : [];
    }
    case 'CONSOLIDATION': {
      // A revision without objections is the one just submitted: it goes to the members.
      const latest = currentPlan(state);
      if (latest && latest.objections.length === 0) return [{ type: 'PhaseEntered', at, phase: 'ENDORSEMENT' }];
      const revision = state.revisions.length + 1;
      if (state.tasks[taskId(process, 'consolidate-plan', `r${revision}`)]) return [];
      const deadline = revision === 1 ? calendar.deadlines.consolidationDue : null;
      return [
        open(
          'consolidate-plan',
          snapshot.coordinatorAgency,
          'coordinator',
          [`r${revision}`],
          dueBy(deadline, calendar.offsets.revisionMs),
        ),
      ];
    }
    case 'ENDORSEMENT': {
      const plan = currentPlan(state)!;
      const round = ofKind('endorse-plan', `r${plan.revision}:`);
      if (round.length === 0) {
        const due = dueBy(
          plan.revision === 1 ? calendar.deadlines.endorsementDue : null,
          calendar.offsets.endorsementRoundMs,
        );
        return snapshot.members.map((m) => open('endorse-plan', m, 'agency', [`r${plan.revision}`, m], due));
      }
      if (plan.objections.length > 0) {
        const reason = `revision ${plan.revision} went back to consolidation after an objection by ${plan.objections[0].agency}`;
        const stillOpen = round.filter(isOpen);
        if (stillOpen.length > 0) return stillOpen.map((t) => ({ type: 'TaskCancelled', at, taskId: t.id, reason }));
        return [{ type: 'PhaseEntered', at, phase: 'CONSOLIDATION' }];
      }
      return round.every((t) => !isOpen(t)) ? [{ type: 'PhaseEntered', at, phase: 'IMPLEMENTATION' }] : [];
    }
    case 'IMPLEMENTATION': {
      const plan = currentPlan(state)!;
      // An activity reported cancelled gets no more progress tasks; those already open for later quarters close.
      const cancelledIn = (activityId: string) =>
        (state.progress[activityId] ?? []).find((r) => r.status === 'cancelled')?.quarter;
      const moot: CycleEvent[] = ofKind('report-progress')
        .filter(isOpen)
        .flatMap((t) => {
          const [quarter, activityId] = (t.subject ?? '').split(':');
          const q = cancelledIn(activityId);
          return q !== undefined && Number(quarter.slice(1)) > q
            ? [
                {
                  type: 'TaskCancelled' as const,
                  at,
                  taskId: t.id,
                  reason: `activity ${activityId} was reported cancelled in Q${q}`,
                },
              ]
            : [];
        });
      if (moot.length > 0) return moot;
      const opened: CycleEvent[] = [];
      calendar.quarters.forEach((q, i) => {
        if (Date.parse(q.start) > now) return;
        for (const a of plan.activities) {
          if (!snapshot.members.includes(a.leadAgency)) continue; // its lead agency left the Network
          const cancelled = cancelledIn(a.id);
          if (cancelled !== undefined && cancelled <= i) continue; // no reports on a cancelled activity
          if (!state.tasks[taskId(process, 'report-progress', `Q${i + 1}`, a.id)]) {
            opened.push(open('report-progress', a.leadAgency, 'agency', [`Q${i + 1}`, a.id], q.end, calendar.end));
          }
        }
      });
      if (opened.length > 0) return opened;
      return now >= Date.parse(calendar.end) ? [{ type: 'PhaseEntered', at, phase: 'ANNUAL_REVIEW' }] : [];
    }
    case 'ANNUAL_REVIEW': {
      if (state.linked && !state.linked.networkYear) return []; // the report waits for the year's meetings and rounds (linkedProcessDue)
      if (!state.report) return [{ type: 'ReportDrafted', at, report: draftAnnualReport(state, at) }];
      const task = state.tasks[taskId(process, 'finalise-report')];
      if (!task)
        return [
          open(
            'finalise-report',
            snapshot.coordinatorAgency,
            'coordinator',
            [],
            dueBy(calendar.deadlines.reviewDue, calendar.offsets.revisionMs),
          ),
        ];
      if (state.linked && !state.linked.finalSummary) return []; // the final report waits for the year's summary as it stands now
      return task.status === 'completed' ? [{ type: 'CycleClosed', at }] : [];
    }
  }
}

function planningClosesAt(state: CycleState): number {
  const deadlines = Object.values(state.tasks)
    .filter((t) => t.kind === 'contribute-activities' && t.expiresAt !== null)
    .map((t) => Date.parse(t.expiresAt!));
  return deadlines.length > 0 ? Math.max(...deadlines) : Date.parse(state.calendar!.deadlines.planningDue);
}

/** The next instant at which `decideAnnualCycle` will have something to do, if nothing else happens first. */
export function nextAnnualCycleWakeUp(state: CycleState, now: number): number | undefined {
  if (!state.calendar) return undefined;
  const times = taskTimerInstants(state.tasks);
  if (state.phase === 'PLANNING') times.push(planningClosesAt(state));
  if (state.phase === 'IMPLEMENTATION') {
    times.push(...state.calendar.quarters.map((q) => Date.parse(q.start)), Date.parse(state.calendar.end));
  }
  if (state.linked && state.phase !== 'ANNUAL_REVIEW' && state.phase !== 'CLOSED') {
    const started = state.linked.periodsStarted;
    times.push(...state.calendar.periods.filter((_, i) => !started.includes(i + 1)).map((p) => Date.parse(p.start)));
  }
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}

/** What the cycle must start or read next, outside itself (the workflow does it and records the event). */
export type LinkedProcessDue =
  | { readonly kind: 'meetings' }
  | { readonly kind: 'twg-rounds'; readonly period: number }
  | { readonly kind: 'year-summary' };

/**
 * The year's quarterly meetings when IMPLEMENTATION begins; each bi-monthly period's TWG rounds when it begins (a
 * period already over when the cycle gets there is skipped); the summary of the year's meetings and rounds before the
 * annual report is drafted.
 */
export function linkedProcessDue(state: CycleState, now: number): LinkedProcessDue | undefined {
  const linked = state.linked;
  if (!linked || !state.calendar) return undefined;
  if (state.phase === 'ANNUAL_REVIEW') {
    // Once for the draft, when the year ends; again when the report is finalised, with the last rounds and minutes done.
    if (!linked.networkYear) return { kind: 'year-summary' };
    return state.report?.finalisedAt && !linked.finalSummary ? { kind: 'year-summary' } : undefined;
  }
  if (state.phase === 'NOT_STARTED' || state.phase === 'CLOSED') return undefined;
  if (state.phase === 'IMPLEMENTATION' && !linked.meetingsStarted) return { kind: 'meetings' };
  const period = state.calendar.periods.findIndex(
    (p, i) => !linked.periodsStarted.includes(i + 1) && Date.parse(p.start) <= now && now < Date.parse(p.end),
  );
  return period >= 0 ? { kind: 'twg-rounds', period: period + 1 } : undefined;
}

/** Applies `decideAnnualCycle` until nothing more is due: the state at `now`, and the events that led there. */
export function settleAnnualCycle(
  state: CycleState,
  now: number,
  process: string,
  apply: (s: CycleState, e: CycleEvent) => CycleState,
) {
  const events: CycleEvent[] = [];
  for (let round = 0; round < 1_000; round++) {
    const due = decideAnnualCycle(state, now, process);
    if (due.length === 0) return { state, events };
    for (const e of due) state = apply(state, e);
    events.push(...due);
  }
  throw new Error('decideAnnualCycle did not settle after 1000 rounds');
}
