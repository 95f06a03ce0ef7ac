import { readModel, type ProcessDefinition } from '../process-definition';
import {
  applyDecisionEvent,
  type DecisionEvent,
  type DecisionInput,
  type DecisionState,
  decisionWorkflowId,
  initialDecisionState,
} from './decision';
import { decisionProjection } from './projection';

/** A decision taken by silence procedure: circulated, objected to or adopted, with its effect on the Network. */
export const decisionProcess = {
  workflowType: 'decisionWorkflow',
  workflowId: (i) => (i.network && i.id ? decisionWorkflowId(String(i.network), String(i.id)) : undefined),
  audited: true,
  readModel: readModel({
    fold: {
      initial: (input) => initialDecisionState(input as unknown as DecisionInput),
      apply: (s: DecisionState, e: DecisionEvent) => applyDecisionEvent(s, e),
      status: (s: DecisionState) => s.status,
    },
    projector: 'projectDecision',
    projection: decisionProjection,
    projects: () => true,
  }),
} as const satisfies ProcessDefinition;
