import { allHandlersFinished, condition, continueAsNew, log, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';

import type { Activities } from '../activities';
import type { CycleProjection } from '../activities/cycle-projection.activities';
import {
  AnnualCycleInput,
  applyCycleEvent,
  checkTaskCompletion,
  checkTaskTransition,
  CycleEvent,
  CycleState,
  initialCycleState,
} from '../libs/domain/annual-cycle';
import { nextWakeUp, settleCycle } from '../libs/domain/annual-cycle-decisions';
import { cycleStateQuery } from './annual-cycle.messages';
import { changedTasks, handleTaskCompletion, projectDurably, RETRY, serialProjector } from './process-kit';

const { projectCycle, loadNetwork } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

/** Histories recorded before the phases existed (the foundation slice) replay through `foundationSlice`. */
const PHASES_PATCH = 'annual-cycle-phases';
const DEFAULT_MAX_HISTORY_EVENTS = 10_000;

/**
 * One network's year (`annual-cycle:{network}:{year}`): PLANNING → CONSOLIDATION → ENDORSEMENT (back to
 * CONSOLIDATION on an objection) → IMPLEMENTATION → ANNUAL_REVIEW → CLOSED. State is the fold of domain events;
 * `settleCycle` (pure) says what time makes happen, Updates complete tasks, and after each step the read models in
 * PostgreSQL are brought up to date. Between steps the workflow sleeps until the next timer in its calendar.
 */
export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<CycleState['phase']> {
  if (!input.resume && !patched(PHASES_PATCH)) return foundationSlice(input);
  const { workflowId } = workflowInfo();
  let state = input.resume ?? initialCycleState(input.network, input.year);
  let wake = false;

  const record = (event: CycleEvent) => {
    state = applyCycleEvent(state, event);
  };

  const project = serialProjector(
    () => state,
    (before, now) =>
      projectDurably('projectCycle', {
        workflowId,
        // The cycle row's own fields only: what changed below travels separately, and contributions not at all.
        state: { ...now, tasks: {}, contributions: {}, revisions: [], progress: {}, report: null },
        tasks: changedTasks(before, now),
        revisions: before?.revisions !== now.revisions ? now.revisions : undefined,
        progress: before?.progress !== now.progress ? now.progress : undefined,
        report: before?.report !== now.report ? now.report : undefined,
      }),
    input.resume,
  );

  setHandler(cycleStateQuery, () => state);
  handleTaskCompletion({
    validate: (cmd, now) => checkTaskCompletion(state, cmd, now),
    guard: (cmd, now) => checkTaskTransition(state, cmd, now),
    complete: (cmd) => {
      record({ type: 'TaskCompleted', at: new Date().toISOString(), taskId: cmd.taskId, by: cmd.by, payload: cmd.payload });
      wake = true;
      return state.tasks[cmd.taskId];
    },
    project,
  });

  if (!input.resume) {
    const network = await loadNetwork(input.network);
    record({ type: 'CycleStarted', at: new Date().toISOString(), by: input.startedBy, calendar: input.calendar, network });
  }

  for (;;) {
    // Cleared before settling, so an Update accepted while this step projects wakes the next step at once.
    wake = false;
    const settled = settleCycle(state, Date.now(), workflowId, applyCycleEvent);
    settled.events.forEach((e) => {
      if (e.type === 'TaskReminded' || e.type === 'TaskEscalated') log.info(`${e.type} ${e.taskId}`);
    });
    state = settled.state;
    await project();
    if (state.phase === 'CLOSED') break;

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= (input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS)) {
      // Handlers project their own changes before they finish; nothing may be awaited between the last handler
      // finishing and continuing, or an Update accepted in between would be lost with this run.
      await condition(allHandlersFinished);
      await continueAsNew<typeof annualCycleWorkflow>({ ...input, resume: state });
    }

    const wakeAt = nextWakeUp(state, Date.now());
    if (wakeAt === undefined) await condition(() => wake);
    else await condition(() => wake, Math.max(1, wakeAt - Date.now()));
  }
  await condition(allHandlersFinished);
  return state.phase;
}

/**
 * The first vertical slice, kept so that cycles started before the phases existed replay and finish as they began:
 * open from the start until the calendar's end.
 */
async function foundationSlice(input: AnnualCycleInput): Promise<CycleState['phase']> {
  const { workflowId } = workflowInfo();
  const summary = (phase: 'PLANNING' | 'CLOSED', revision: number): CycleProjection => ({
    workflowId,
    state: {
      ...initialCycleState(input.network, input.year),
      phase,
      calendar: input.calendar,
      startedBy: input.startedBy,
      startedAt: workflowInfo().startTime.toISOString(),
      closedAt: phase === 'CLOSED' ? new Date().toISOString() : undefined,
      revision,
    },
    tasks: [],
  });
  await projectCycle(summary('PLANNING', 1));
  await sleep(Math.max(0, Date.parse(input.calendar.end) - Date.now()));
  await projectCycle(summary('CLOSED', 2));
  return 'CLOSED';
}
