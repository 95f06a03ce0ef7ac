import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

import type { Activities } from '../activities';
import {
  applyDecisionEvent,
  checkDecisionCommand,
  decideDecision,
  DecisionEvent,
  DecisionInput,
  DecisionState,
  initialDecisionState,
  nextDecisionWakeUp,
} from '../libs/processes/decision/decision';
import { decisionStateQuery, reviseDecisionUpdate, withdrawDecisionUpdate } from '../libs/processes/decision/messages';
import { tasksOfLeavingMember } from '../libs/domain/tasks';
import { decisionProjection } from '../libs/processes/decision/projection';
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
import { audit } from './audit-sink';
import { cancelRoundSignal } from '../libs/processes/twg-round/messages';

const { loadNetwork, applyDecisionEffect, openTwgRounds } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: RETRY,
});

/** Decisions adopted before abolishing a TWG cancelled its open rounds replay without the signals. */
const ABOLISH_CANCELS_ROUNDS_PATCH = 'abolish-twg-cancels-rounds';

/**
 * A decision by silence procedure (`decision:{network}:{id}`): circulated to the members of the day, answered with
 * the same task mechanism as every process (the `completeTask` Update), adopted when a round ends without objection,
 * its effect applied once; revised or withdrawn by the coordinator after an objection.
 */
export async function decisionWorkflow(input: DecisionInput): Promise<DecisionState['status']> {
  const { workflowId } = workflowInfo();
  let state = initialDecisionState(input);
  let wake = false;
  const record = (e: DecisionEvent) => {
    state = applyDecisionEvent(state, e);
    audit.recorded(e);
    wake = true;
  };
  const project = serialProjector(
    () => state,
    (before, now) => projectDurably('projectDecision', decisionProjection(workflowId, before, now)),
  );
  const coordinatorOnly = (by: { role: string }) => {
    if (by.role !== 'coordinator')
      throw refusal({
        code: 'NOT_ASSIGNEE',
        message: 'Only the coordinator revises or withdraws a decision',
        details: [],
      });
    // A meeting's minutes are corrected through the meeting, which circulates them anew.
    if (input.endsWhenObjected)
      throw refusal({
        code: 'PHASE_CLOSED',
        message: `Decision ${input.id} belongs to its meeting: correct the minutes there`,
        details: [],
      });
  };

  setHandler(decisionStateQuery, () => state);
  handleMemberLeaving((agency, reason) =>
    tasksOfLeavingMember(state.tasks, agency, new Date().toISOString(), reason).forEach(record),
  );
  handleTaskExtension({ tasks: () => state.tasks, record, project });
  handleTaskCompletion({
    validate: (cmd, now) => checkDecisionCommand(state, cmd, now),
    guard: (cmd, now) => checkDecisionCommand(state, { taskId: cmd.taskId, by: cmd.by }, now),
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
  setHandler(
    reviseDecisionUpdate,
    async ({ by, proposal }) => {
      // The members of the day are asked: one who joined since the last round is, one who left is not.
      const { members } = await loadNetwork(input.network);
      if (state.status !== 'OBJECTED')
        throw refusal({
          code: 'PHASE_CLOSED',
          message: `Decision ${state.id} became ${state.status} meanwhile`,
          details: [],
        });
      if (!(Date.parse(proposal.deadline) > Date.now()))
        throw refusal({
          code: 'INVALID_PAYLOAD',
          message: 'the deadline passed meanwhile',
          details: [{ field: 'deadline', message: 'must be in the future' }],
        });
      // `by` is for the audit trail only (a sink report, no command): the reducer does not read it.
      record({
        type: 'DecisionCirculated',
        at: new Date().toISOString(),
        round: state.round + 1,
        proposal,
        members,
        by,
      });
      await project();
      return state;
    },
    {
      validator: ({ by, proposal }) => {
        coordinatorOnly(by);
        if (state.status !== 'OBJECTED')
          throw refusal({
            code: 'PHASE_CLOSED',
            message: `Decision ${state.id} is ${state.status}: only an objected proposal is revised`,
            details: [],
          });
        if (!(Date.parse(proposal.deadline) > Date.now()))
          throw refusal({
            code: 'INVALID_PAYLOAD',
            message: 'deadline must be in the future',
            details: [{ field: 'deadline', message: 'must be in the future' }],
          });
      },
    },
  );
  setHandler(
    withdrawDecisionUpdate,
    async ({ by, reason }) => {
      record({ type: 'DecisionWithdrawn', at: new Date().toISOString(), by, reason });
      await project();
      return state;
    },
    {
      validator: ({ by }) => {
        coordinatorOnly(by);
        if (state.status !== 'CIRCULATING' && state.status !== 'OBJECTED')
          throw refusal({ code: 'PHASE_CLOSED', message: `Decision ${state.id} is ${state.status}`, details: [] });
      },
    },
  );

  const { members } = await loadNetwork(input.network);
  record({ type: 'DecisionCirculated', at: new Date().toISOString(), round: 1, proposal: input, members });

  for (;;) {
    wake = false;
    settleDue(() => decideDecision(state, Date.now(), workflowId), record);
    await project();
    if (state.status === 'ADOPTED' && state.effectAppliedAt === null) {
      const outcome = await applyDecisionEffect({
        network: input.network,
        decisionId: workflowId,
        kind: input.kind,
        payload: state.proposal!.payload,
        adoptedAt: state.adoptedAt!,
      });
      record({ type: 'DecisionEffectApplied', at: new Date().toISOString(), outcome });
      await project();
      if (input.kind === 'abolish-twg' && outcome === 'applied' && patched(ABOLISH_CANCELS_ROUNDS_PATCH))
        await cancelOpenRounds(input.network, (state.proposal!.payload as { twg: string }).twg, state.proposal!.title);
    }
    if (input.endsWhenObjected && state.status === 'OBJECTED') break;
    if (
      state.status === 'ADOPTED' ||
      (state.status === 'WITHDRAWN' && Object.values(state.tasks).every((t) => t.status !== 'open'))
    )
      break;
    await sleepUntil(nextDecisionWakeUp(state, Date.now()), () => wake);
  }
  await condition(allHandlersFinished);
  return state.status as DecisionState['status'];
}

/** An abolished TWG's open rounds end, each with the reason; a round that closed meanwhile ignores it. */
async function cancelOpenRounds(network: string, twg: string, title: string): Promise<void> {
  const reason = `TWG ${twg} abolished by decision ${workflowInfo().workflowId} (${title})`;
  for (const roundId of await openTwgRounds({ network, twg })) {
    try {
      await getExternalWorkflowHandle(roundId).signal(cancelRoundSignal, { reason });
    } catch (err) {
      log.warn(`Round ${roundId} could not be cancelled (it has ended): ${String(err)}`);
    }
  }
}
