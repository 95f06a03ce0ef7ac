import { TypedSearchAttributes, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';

import type { Activities } from '../activities';
import type { CycleProjection } from '../libs/processes/annual-cycle/projection';
import {
  AnnualCycleInput,
  applyAnnualCycleEvent,
  checkAnnualCycleCommand,
  checkTaskTransition,
  CycleEvent,
  CycleState,
  initialAnnualCycleState,
} from '../libs/processes/annual-cycle/annual-cycle';
import {
  LinkedProcessDue,
  linkedProcessDue,
  nextAnnualCycleWakeUp,
  settleAnnualCycle,
} from '../libs/processes/annual-cycle/decide';
import { quarterlyMeetings } from '../libs/domain/calendar';
import { MeetingInput, meetingWorkflowId } from '../libs/processes/meeting/meeting';
import { TwgRoundInput, twgRoundWorkflowId } from '../libs/processes/twg-round/twg-round';
import type { ProcessName } from '../libs/processes/registry';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE } from '../libs/temporal/search-attributes';
import { cycleStateQuery, extendDeadlineUpdate } from '../libs/processes/annual-cycle/messages';
import { checkDeadlineExtension, deadlineExtensionEvents } from '../libs/processes/annual-cycle/deadline-extension';
import { audit } from './audit-sink';
import { meetingWorkflow } from './meeting.workflow';
import { tasksOfLeavingMember } from '../libs/domain/tasks';
import { cycleProjection } from '../libs/processes/annual-cycle/projection';
import {
  handleMemberLeaving,
  handleTaskCompletion,
  handleTaskExtension,
  projectDurably,
  refusal,
  RETRY,
  serialProjector,
  sleepUntil,
} from './process-kit';
import { twgRoundWorkflow } from './twg-round.workflow';

const { projectCycle, loadNetwork, activeTwgs, summariseNetworkYear } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: RETRY,
});

/** Histories recorded before the phases existed (the foundation slice) replay through `foundationSlice`. */
const PHASES_PATCH = 'annual-cycle-phases';
/** Cycles started before the cycle ran the year's meetings and TWG rounds replay without them. */
const LINKED_PATCH = 'annual-cycle-meetings-and-rounds';
const DEFAULT_MAX_HISTORY_EVENTS = 10_000;

/**
 * One network's year (`annual-cycle:{network}:{year}`): PLANNING → CONSOLIDATION → ENDORSEMENT (back to
 * CONSOLIDATION on an objection) → IMPLEMENTATION → ANNUAL_REVIEW → CLOSED. State is the fold of domain events;
 * `settleAnnualCycle` (pure) says what time makes happen, Updates complete tasks, and after each step the read models in
 * PostgreSQL are brought up to date. Between steps the workflow sleeps until the next timer in its calendar.
 */
export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<CycleState['phase']> {
  if (!input.resume && !patched(PHASES_PATCH)) return foundationSlice(input);
  const { workflowId } = workflowInfo();
  let state = input.resume ?? initialAnnualCycleState(input.network, input.year);
  let wake = false;

  const record = (event: CycleEvent) => {
    state = applyAnnualCycleEvent(state, event);
    audit.recorded(event);
  };

  const project = serialProjector(
    () => state,
    (before, now) => projectDurably('projectCycle', cycleProjection(workflowId, before, now)),
    input.resume,
  );

  setHandler(cycleStateQuery, () => state);
  handleMemberLeaving((agency, reason) => {
    if (!state.snapshot?.members.includes(agency)) return;
    const at = new Date().toISOString();
    record({ type: 'MemberLeft', at, agency, reason });
    tasksOfLeavingMember(state.tasks, agency, at, reason).forEach(record);
    wake = true;
  });
  handleTaskExtension({ tasks: () => state.tasks, record, project });
  // A handler only: a history without this Update runs exactly the commands it always did.
  setHandler(
    extendDeadlineUpdate,
    async (cmd) => {
      const refused = checkDeadlineExtension(state, cmd, Date.now(), false);
      if (refused) throw refusal(refused);
      const previous = state.calendar!.deadlines[cmd.deadline];
      const events = deadlineExtensionEvents(state, cmd, new Date().toISOString());
      events.forEach(record);
      wake = true;
      await project();
      return {
        deadline: cmd.deadline,
        until: state.calendar!.deadlines[cmd.deadline],
        previous,
        tasksExtended: events.flatMap((e) => (e.type === 'TaskExtended' ? [e.taskId] : [])),
      };
    },
    {
      validator: (cmd) => {
        const refused = checkDeadlineExtension(state, cmd, Date.now());
        if (refused) throw refusal(refused);
      },
    },
  );
  handleTaskCompletion({
    validate: (cmd, now) => checkAnnualCycleCommand(state, cmd, now),
    guard: (cmd, now) => checkTaskTransition(state, cmd, now),
    complete: (cmd) => {
      record({
        type: 'TaskCompleted',
        at: new Date().toISOString(),
        taskId: cmd.taskId,
        by: cmd.by,
        payload: cmd.payload,
      });
      wake = true;
      return state.tasks[cmd.taskId];
    },
    project,
  });

  if (!input.resume) {
    const linked = input.linkedProcesses !== false && patched(LINKED_PATCH);
    const network = await loadNetwork(input.network);
    record({
      type: 'CycleStarted',
      at: new Date().toISOString(),
      by: input.startedBy,
      calendar: input.calendar,
      network,
      ...(linked ? { linked } : {}),
    });
  }

  for (;;) {
    // Cleared before settling, so an Update accepted while this step projects wakes the next step at once.
    wake = false;
    const settled = settleAnnualCycle(state, Date.now(), workflowId, applyAnnualCycleEvent);
    settled.events.forEach((e) => {
      audit.recorded(e);
      if (e.type === 'TaskReminded' || e.type === 'TaskEscalated') log.info(`${e.type} ${e.taskId}`);
    });
    state = settled.state;
    await project();
    if (state.phase === 'CLOSED') break;
    const linked = linkedProcessDue(state, Date.now());
    if (linked) {
      record(await runLinked(linked, state, input));
      continue;
    }

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= (input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS)) {
      // Handlers project their own changes before they finish; nothing may be awaited between the last handler
      // finishing and continuing, or an Update accepted in between would be lost with this run.
      await condition(allHandlersFinished);
      await continueAsNew<typeof annualCycleWorkflow>({ ...input, resume: state });
    }

    await sleepUntil(nextAnnualCycleWakeUp(state, Date.now()), () => wake);
  }
  await condition(allHandlersFinished);
  return state.phase;
}

/**
 * Starts the year's quarterly meetings or a period's TWG rounds as workflows of their own (they outlive this run's
 * continue-as-new and are not cancelled with it), or reads what they did for the annual report. A process already
 * started under its id (a round started by hand, say) counts as started.
 */
async function runLinked(due: LinkedProcessDue, state: CycleState, input: AnnualCycleInput): Promise<CycleEvent> {
  const calendar = state.calendar!;
  const now = () => new Date().toISOString();
  const attributes = (process: ProcessName) =>
    new TypedSearchAttributes([
      { key: NETWORK_ATTRIBUTE, value: input.network },
      { key: PROCESS_ATTRIBUTE, value: process },
      { key: YEAR_ATTRIBUTE, value: input.year },
    ]);
  const start = async (run: () => Promise<unknown>, id: string): Promise<string> => {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      log.info(`${id} was started before`);
    }
    return id;
  };
  const options = { parentClosePolicy: 'ABANDON', workflowIdReusePolicy: 'REJECT_DUPLICATE' } as const;

  if (due.kind === 'year-summary') {
    return {
      type: 'NetworkYearSummarised',
      at: now(),
      summary: await summariseNetworkYear({ network: input.network, year: input.year, at: now() }),
    };
  }
  if (due.kind === 'meetings') {
    const ids: string[] = [];
    for (const slot of quarterlyMeetings(calendar)) {
      // A meeting whose date passed before the plan was endorsed is not called after the fact.
      if (Date.parse(slot.scheduledAt) <= Date.now()) {
        log.info(
          `Q${slot.quarter} meeting of ${input.year} not started: its date ${slot.scheduledAt} passed before IMPLEMENTATION`,
        );
        continue;
      }
      // Implementation began after the agenda call should have opened: it opens now, and lasts at least half the time left.
      const opensAt = Math.max(Date.parse(slot.agendaCallAt), Date.now());
      const halfway = Math.round((opensAt + Date.parse(slot.scheduledAt)) / 2);
      const closesAt =
        opensAt > Date.parse(slot.agendaCallAt)
          ? Math.max(Date.parse(slot.agendaDueAt), halfway)
          : Date.parse(slot.agendaDueAt);
      const meeting: MeetingInput = {
        network: input.network,
        id: `${input.year}-Q${slot.quarter}`,
        kind: 'quarterly',
        year: input.year,
        quarter: slot.quarter,
        title: `Network meeting, Q${slot.quarter} ${input.year}`,
        scheduledAt: slot.scheduledAt,
        agendaCallAt: new Date(opensAt).toISOString(),
        agendaDueAt: new Date(closesAt).toISOString(),
        offsets: {
          reminderBeforeMs: calendar.offsets.reminderBeforeMs,
          escalationAfterMs: calendar.offsets.escalationAfterMs,
          minutesReviewMs: calendar.offsets.endorsementRoundMs,
          writingMs: calendar.offsets.revisionMs,
        },
        convenedBy: input.startedBy,
      };
      const workflowId = meetingWorkflowId(input.network, meeting.id);
      ids.push(
        await start(
          () =>
            startChild(meetingWorkflow, {
              ...options,
              workflowId,
              args: [meeting],
              typedSearchAttributes: attributes('meeting'),
            }),
          workflowId,
        ),
      );
    }
    return { type: 'MeetingsStarted', at: now(), ids };
  }
  const period = calendar.periods[due.period - 1];
  const ids: string[] = [];
  for (const twg of await activeTwgs({ network: input.network, at: period.start })) {
    const round: TwgRoundInput = {
      network: input.network,
      twg,
      year: input.year,
      period: due.period,
      start: period.start,
      end: period.end,
      offsets: {
        reminderBeforeMs: calendar.offsets.reminderBeforeMs,
        escalationAfterMs: calendar.offsets.escalationAfterMs,
      },
    };
    const workflowId = twgRoundWorkflowId(input.network, twg.code, input.year, due.period);
    ids.push(
      await start(
        () =>
          startChild(twgRoundWorkflow, {
            ...options,
            workflowId,
            args: [round],
            typedSearchAttributes: attributes('twg-round'),
          }),
        workflowId,
      ),
    );
  }
  return { type: 'TwgRoundsStarted', at: now(), period: due.period, ids };
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
      ...initialAnnualCycleState(input.network, input.year),
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
