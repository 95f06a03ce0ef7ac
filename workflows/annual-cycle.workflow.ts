import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';

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
import type { Rejection, Task } from '../libs/domain/tasks';
import { completeTaskUpdate, cycleStateQuery } from './annual-cycle.messages';

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
const { projectCycle, loadNetwork } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });
/**
 * Projections run first as local activities: in the worker that runs the workflow task, without a round trip through
 * the server. A task completion waits for its projection, and a regular activity made that ~100 ms instead of ~13 ms
 * (bench/task-completion.ts). A few quick local attempts only: while PostgreSQL is down, local retries would add
 * history events every few seconds, so after them the same projection goes to a regular activity, whose retries add
 * none.
 */
const { projectCycle: projectCycleLocally } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '100 milliseconds', maximumAttempts: 3 },
});
const projectCycleDurably = async (p: CycleProjection): Promise<void> => {
  try {
    await projectCycleLocally(p);
  } catch {
    await projectCycle(p);
  }
};

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
  let projected: CycleState | undefined = input.resume;

  const record = (event: CycleEvent) => {
    state = applyCycleEvent(state, event);
  };

  /**
   * Projects what changed since the last projection; immutable state makes "changed" a reference comparison.
   * Projections run one after another, so a row's newer write never lands before an older one that carried other
   * fields (the upserts keep the highest revision and would drop the late one).
   */
  let projecting: Promise<void> = Promise.resolve();
  const projectChanges = async () => {
    const before = projected;
    if (before === state) return;
    projected = state;
    const projection: CycleProjection = {
      workflowId,
      // The cycle row's own fields only: what changed below travels separately, and contributions not at all.
      state: { ...state, tasks: {}, contributions: {}, revisions: [], progress: {}, report: null },
      tasks: Object.values(state.tasks).filter((t: Task) => before?.tasks[t.id] !== t),
      revisions: before?.revisions !== state.revisions ? state.revisions : undefined,
      progress: before?.progress !== state.progress ? state.progress : undefined,
      report: before?.report !== state.report ? state.report : undefined,
    };
    await projectCycleDurably(projection);
  };
  const project = (): Promise<void> => (projecting = projecting.then(projectChanges));

  setHandler(cycleStateQuery, () => state);
  setHandler(
    completeTaskUpdate,
    async (cmd) => {
      // The state guard again, not the payload rules: on replay validators are skipped but handlers run, and a rule
      // tightened since must not refuse an answer that was accepted then.
      const refused = checkTaskTransition(state, cmd, Date.now());
      if (refused) throw refusal(refused);
      record({ type: 'TaskCompleted', at: new Date().toISOString(), taskId: cmd.taskId, by: cmd.by, payload: cmd.payload });
      wake = true;
      const task = state.tasks[cmd.taskId];
      await project();
      return task;
    },
    {
      validator: (cmd) => {
        const refused = checkTaskCompletion(state, cmd, Date.now());
        if (refused) throw refusal(refused);
      },
    },
  );

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

/** A refused command, as the API reads it: the failure's type is the RejectionCode. */
function refusal(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [r.details], nonRetryable: true });
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
