import { readModel, type ProcessDefinition } from '../process-definition';
import { twgRoundProjection } from './projection';
import {
  applyTwgRoundEvent,
  initialTwgRoundState,
  type TwgRoundEvent,
  type TwgRoundState,
  twgRoundWorkflowId,
} from './twg-round';

/** A Technical Working Group's two-monthly reporting round: updates, impediments, the consolidated report. */
export const twgRoundProcess = {
  workflowType: 'twgRoundWorkflow',
  workflowId: (i) => {
    const twg = i.twg as { code?: string } | undefined;
    return i.network && twg?.code && i.year && i.period
      ? twgRoundWorkflowId(String(i.network), twg.code, Number(i.year), Number(i.period))
      : undefined;
  },
  audited: true,
  readModel: readModel({
    fold: {
      initial: () => initialTwgRoundState(),
      apply: (s: TwgRoundState, e: TwgRoundEvent) => applyTwgRoundEvent(s, e),
      status: (s: TwgRoundState) => s.status,
    },
    projector: 'projectTwgRound',
    projection: twgRoundProjection,
    projects: () => true,
  }),
} as const satisfies ProcessDefinition;
