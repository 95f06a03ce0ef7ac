import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';

import {
  applyTwgRoundEvent,
  checkTwgRoundCommand,
  decideTwgRound,
  initialTwgRoundState,
  nextTwgRoundWakeUp,
  TwgRoundEvent,
  TwgRoundInput,
  twgRoundFinished,
  TwgRoundState,
} from '../libs/processes/twg-round/twg-round';
import { tasksOfLeavingMember } from '../libs/domain/tasks';
import { twgRoundProjection } from '../libs/processes/twg-round/projection';
import {
  handleMemberLeaving,
  handleTaskCompletion,
  handleTaskExtension,
  projectDurably,
  serialProjector,
  settleDue,
  sleepUntil,
} from './process-kit';
import { audit } from './audit-sink';
import { cancelRoundSignal, twgRoundStateQuery } from '../libs/processes/twg-round/messages';

/**
 * One TWG's bi-monthly reporting round (`twg-round:{network}:{twg}:{year}-P{n}`): updates from every member,
 * then the lead's consolidated report; its impediments go to the register when the round closes. Abolishing the TWG
 * cancels it (a signal from the abolishing decision).
 */
export async function twgRoundWorkflow(input: TwgRoundInput): Promise<TwgRoundState['status']> {
  const { workflowId } = workflowInfo();
  let state: TwgRoundState = initialTwgRoundState();
  let wake = false;
  const record = (e: TwgRoundEvent) => {
    state = applyTwgRoundEvent(state, e);
    audit.recorded(e);
    wake = true;
  };
  const project = serialProjector(
    () => state,
    (before, now) => projectDurably('projectTwgRound', twgRoundProjection(workflowId, before, now)),
  );

  setHandler(twgRoundStateQuery, () => state);
  handleMemberLeaving((agency, reason) =>
    tasksOfLeavingMember(state.tasks, agency, new Date().toISOString(), reason).forEach(record),
  );
  setHandler(cancelRoundSignal, ({ reason }) => {
    if (state.status === 'COLLECTING' || state.status === 'CONSOLIDATING')
      record({ type: 'RoundCancelled', at: new Date().toISOString(), reason });
  });
  handleTaskExtension({ tasks: () => state.tasks, record, project });
  handleTaskCompletion({
    validate: (cmd, now) => checkTwgRoundCommand(state, cmd, now),
    guard: (cmd, now) => checkTwgRoundCommand(state, { taskId: cmd.taskId, by: cmd.by }, now),
    complete: (cmd) => {
      record({
        type: 'TaskCompleted',
        at: new Date().toISOString(),
        taskId: cmd.taskId,
        by: cmd.by,
        payload: cmd.payload,
      });
      return state.tasks[cmd.taskId];
    },
    project,
  });

  record({ type: 'RoundOpened', at: new Date().toISOString(), input });
  for (;;) {
    wake = false;
    settleDue(() => decideTwgRound(state, Date.now(), workflowId), record);
    await project();
    if (twgRoundFinished(state)) break;
    await sleepUntil(nextTwgRoundWakeUp(state, Date.now()), () => wake);
  }
  await condition(allHandlersFinished);
  return state.status;
}
