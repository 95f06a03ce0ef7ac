import { readModel, type ProcessDefinition } from '../process-definition';
import {
  type AnnualCycleInput,
  applyAnnualCycleEvent,
  type CycleEvent,
  type CycleState,
  initialAnnualCycleState,
} from './annual-cycle';
import { annualCycleWorkflowId } from './ids';
import { cycleProjection } from './projection';

/** The yearly cycle of the ToR: work plan, endorsement, four quarters of progress, the annual report. */
export const annualCycleProcess = {
  workflowType: 'annualCycleWorkflow',
  workflowId: (i) => (i.network && i.year ? annualCycleWorkflowId(String(i.network), Number(i.year)) : undefined),
  audited: true,
  readModel: readModel({
    fold: {
      initial: (input) => {
        const i = input as unknown as AnnualCycleInput;
        return i.resume ?? initialAnnualCycleState(i.network, i.year); // a continued run starts where the previous one stopped
      },
      apply: (s: CycleState, e: CycleEvent) => applyAnnualCycleEvent(s, e),
      status: (s: CycleState) => s.phase,
    },
    projector: 'projectCycle',
    projection: cycleProjection,
    projects: (s) => s.phase !== 'NOT_STARTED',
  }),
} as const satisfies ProcessDefinition;
