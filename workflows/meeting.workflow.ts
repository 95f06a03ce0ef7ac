import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { TypedSearchAttributes } from '@temporalio/common';

import type { Activities } from '../activities';
import { decisionWorkflowId } from '../libs/processes/decision/decision';
import type { DecisionInput } from '../libs/processes/decision/decision';
import {
  applyMeetingEvent,
  checkMeetingCommand,
  checkMeetingChange,
  decideMeeting,
  initialMeetingState,
  MeetingEvent,
  MeetingInput,
  meetingFinished,
  meetingNeed,
  MeetingState,
  nextMeetingWakeUp,
  proposedItems,
} from '../libs/processes/meeting/meeting';
import type { ProcessName } from '../libs/processes/registry';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE } from '../libs/temporal/search-attributes';
import { audit } from './audit-sink';
import { decisionWorkflow } from './decision.workflow';
import {
  cancelMeetingUpdate,
  dropActionItemUpdate,
  meetingStateQuery,
  rescheduleMeetingUpdate,
} from '../libs/processes/meeting/messages';
import { tasksOfLeavingMember } from '../libs/domain/tasks';
import { meetingProjection } from '../libs/processes/meeting/projection';
import {
  handleMemberLeaving,
  handleTaskCompletion,
  handleTaskExtension,
  projectDurably,
  refusal,
  RETRY,
  serialProjector,
  settleDue,
  sleepUntil,
} from './process-kit';

const { loadAgendaInvitees, gatherAgendaItems } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: RETRY,
});

/**
 * A Network meeting (`meeting:{network}:{id}`), quarterly (started by the annual cycle) or ad hoc (by the
 * coordinator): agenda call, agenda, the meeting recorded, its minutes adopted by silence procedure (a child
 * `adopt-minutes` decision per circulation), its action items open as tasks until done or dropped.
 */
export async function meetingWorkflow(input: MeetingInput): Promise<MeetingState['status']> {
  const { workflowId } = workflowInfo();
  let wake = false;
  // Scheduled before any handler is set: an Update buffered with the first workflow task sees the meeting as it is.
  const scheduled: MeetingEvent = { type: 'MeetingScheduled', at: new Date().toISOString(), input };
  let state: MeetingState = applyMeetingEvent(initialMeetingState(), scheduled);
  audit.recorded(scheduled);
  const record = (e: MeetingEvent) => {
    state = applyMeetingEvent(state, e);
    audit.recorded(e);
    wake = true;
  };
  /** What the answers and time make due, applied at once (a handler settles too, so a recorded meeting's action items exist when it returns). */
  const settle = () => settleDue(() => decideMeeting(state, Date.now(), workflowId), record);
  const project = serialProjector(
    () => state,
    (before, now) => projectDurably('projectMeeting', meetingProjection(workflowId, before, now)),
  );
  const coordinatorCommand = (
    by: Parameters<typeof checkMeetingChange>[1],
    command: 'reschedule' | 'cancel' | 'drop',
    arg?: string,
  ) => {
    const refused = checkMeetingChange(state, by, command, Date.now(), arg);
    if (refused) throw refusal(refused);
  };

  setHandler(meetingStateQuery, () => state);
  handleMemberLeaving((agency, reason) =>
    tasksOfLeavingMember(state.tasks, agency, new Date().toISOString(), reason).forEach(record),
  );
  handleTaskExtension({ tasks: () => state.tasks, record, project });
  handleTaskCompletion({
    validate: (cmd, now) => checkMeetingCommand(state, cmd, now),
    guard: (cmd, now) => checkMeetingCommand(state, { taskId: cmd.taskId, by: cmd.by }, now),
    complete: (cmd) => {
      record({
        type: 'TaskCompleted',
        at: new Date().toISOString(),
        taskId: cmd.taskId,
        by: cmd.by,
        payload: cmd.payload,
      });
      const task = state.tasks[cmd.taskId];
      settle();
      return task;
    },
    project,
  });
  setHandler(
    rescheduleMeetingUpdate,
    async ({ by, scheduledAt, reason }) => {
      coordinatorCommand(by, 'reschedule', scheduledAt);
      record({
        type: 'MeetingRescheduled',
        at: new Date().toISOString(),
        by,
        reason,
        scheduledAt: new Date(scheduledAt).toISOString(),
      });
      await project();
      return state;
    },
    { validator: ({ by, scheduledAt }) => coordinatorCommand(by, 'reschedule', scheduledAt) },
  );
  setHandler(
    cancelMeetingUpdate,
    async ({ by, reason }) => {
      coordinatorCommand(by, 'cancel');
      record({ type: 'MeetingCancelled', at: new Date().toISOString(), by, reason });
      await project();
      return state;
    },
    { validator: ({ by }) => coordinatorCommand(by, 'cancel') },
  );
  setHandler(
    dropActionItemUpdate,
    async ({ by, taskId, reason }) => {
      coordinatorCommand(by, 'drop', taskId);
      record({
        type: 'TaskCancelled',
        at: new Date().toISOString(),
        taskId,
        reason: `dropped by the coordinator: ${reason}`,
      });
      await project();
      return state.tasks[taskId];
    },
    { validator: ({ by, taskId }) => coordinatorCommand(by, 'drop', taskId) },
  );

  for (;;) {
    wake = false;
    settle();
    await project();
    if (meetingFinished(state)) break;
    const need = meetingNeed(state, Date.now());
    if (need === 'invitees') {
      const { invitees, members, coordinatorAgency } = await loadAgendaInvitees(input.network);
      // The coordinator may have cancelled the meeting meanwhile.
      if (state.status === 'SCHEDULED')
        record({ type: 'AgendaCallOpened', at: new Date().toISOString(), invitees, members, coordinatorAgency });
      continue;
    }
    if (need === 'agenda') {
      const own = await gatherAgendaItems({
        network: input.network,
        meeting: workflowId,
        year: input.year,
        at: new Date().toISOString(),
      });
      if (state.status === 'AGENDA_CALL')
        record({ type: 'AgendaPublished', at: new Date().toISOString(), items: [...proposedItems(state), ...own] });
      continue;
    }
    if (need === 'minutes-review') {
      await circulateMinutes(input, state, record);
      continue;
    }
    await sleepUntil(nextMeetingWakeUp(state, Date.now()), () => wake);
  }
  await condition(allHandlersFinished);
  return state.status as MeetingState['status'];
}

/**
 * Circulates the current minutes as an `adopt-minutes` decision (a child workflow that ends on the first objection)
 * and records its outcome when it ends; meanwhile the meeting's own loop keeps running its action items' timers.
 */
async function circulateMinutes(
  input: MeetingInput,
  state: MeetingState,
  record: (e: MeetingEvent) => void,
): Promise<void> {
  const round = state.reviews.length + 1;
  const minutes = state.minutes[state.minutes.length - 1];
  const id = `minutes-${input.id}-r${round}`;
  const decision: DecisionInput = {
    network: input.network,
    id,
    kind: 'adopt-minutes',
    title: `Minutes of ${input.title}${round > 1 ? ` (corrected, version ${minutes.version})` : ''}`,
    text: minutes.text,
    payload: { meeting: workflowInfo().workflowId, version: minutes.version },
    deadline: new Date(Date.now() + input.offsets.minutesReviewMs).toISOString(),
    proposedBy: input.convenedBy,
    endsWhenObjected: true,
  };
  const child = await startChild(decisionWorkflow, {
    workflowId: decisionWorkflowId(input.network, id),
    args: [decision],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: new TypedSearchAttributes([
      { key: NETWORK_ATTRIBUTE, value: input.network },
      { key: PROCESS_ATTRIBUTE, value: 'decision' satisfies ProcessName },
      { key: YEAR_ATTRIBUTE, value: input.year },
    ]),
  });
  record({ type: 'MinutesCirculated', at: new Date().toISOString(), round, decision: child.workflowId });
  // Not awaited here: the loop goes on sleeping and waking for the action items while the members read. A review
  // that ends other than adopted (objected; withdrawn by hand; failed or terminated) sends the minutes back for correction.
  void child.result().then(
    (outcome) =>
      record(
        outcome === 'ADOPTED'
          ? { type: 'MinutesAdopted', at: new Date().toISOString(), round }
          : { type: 'MinutesObjected', at: new Date().toISOString(), round, note: `the decision ended ${outcome}` },
      ),
    (err: unknown) =>
      record({
        type: 'MinutesObjected',
        at: new Date().toISOString(),
        round,
        note: `the decision failed: ${String(err)}`,
      }),
  );
}
