import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';

import type { Activities } from '../activities';
import type { TwgRoundProjection } from '../activities/twg-round.activities';
import type { Rejection } from '../libs/domain/tasks';
import {
  applyTwgRoundEvent,
  checkRoundAnswer,
  decideTwgRound,
  INITIAL_TWG_ROUND,
  nextTwgRoundWakeUp,
  TwgRoundEvent,
  TwgRoundInput,
  TwgRoundState,
} from '../libs/domain/twg-round';
import { completeTaskUpdate } from './annual-cycle.messages';

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
// Local first for speed, then durable: see the annual cycle's projections.
const { projectTwgRound: projectLocally } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '100 milliseconds', maximumAttempts: 3 },
});
const { projectTwgRound: projectRemotely } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

function refusal(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [r.details], nonRetryable: true });
}

/**
 * One TWG's bi-monthly reporting round (`twg-round:{network}:{twg}:{year}-P{n}`): updates from every member,
 * then the lead's consolidated report; its impediments go to the register when the round closes.
 */
export async function twgRoundWorkflow(input: TwgRoundInput): Promise<TwgRoundState['status']> {
  const { workflowId } = workflowInfo();
  let state: TwgRoundState = INITIAL_TWG_ROUND;
  let wake = false;
  let projected: TwgRoundState | undefined;
  let projecting: Promise<void> = Promise.resolve();
  const record = (e: TwgRoundEvent) => {
    state = applyTwgRoundEvent(state, e);
    wake = true;
  };
  const project = (): Promise<void> =>
    (projecting = projecting.then(async () => {
      const before = projected;
      if (before === state) return;
      projected = state;
      const p: TwgRoundProjection = { workflowId, state: { ...state, tasks: {} }, tasks: Object.values(state.tasks).filter((t) => before?.tasks[t.id] !== t) };
      try {
        await projectLocally(p);
      } catch {
        await projectRemotely(p);
      }
    }));

  setHandler(
    completeTaskUpdate,
    async (cmd) => {
      const refused = checkRoundAnswer(state, { taskId: cmd.taskId, by: cmd.by }, Date.now());
      if (refused) throw refusal(refused);
      record({ type: 'TaskCompleted', at: new Date().toISOString(), taskId: cmd.taskId, by: cmd.by, payload: cmd.payload });
      const task = state.tasks[cmd.taskId];
      await project();
      return task;
    },
    {
      validator: (cmd) => {
        const refused = checkRoundAnswer(state, cmd, Date.now());
        if (refused) throw refusal(refused);
      },
    },
  );

  record({ type: 'RoundOpened', at: new Date().toISOString(), input });
  for (;;) {
    wake = false;
    for (let due = decideTwgRound(state, Date.now(), workflowId); due.length > 0; due = decideTwgRound(state, Date.now(), workflowId)) due.forEach(record);
    await project();
    if (state.status === 'CLOSED') break;
    const wakeAt = nextTwgRoundWakeUp(state, Date.now());
    if (wakeAt === undefined) await condition(() => wake);
    else await condition(() => wake, Math.max(1, wakeAt - Date.now()));
  }
  await condition(allHandlersFinished);
  return state.status;
}
