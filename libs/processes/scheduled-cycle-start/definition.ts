import type { ProcessDefinition } from '../process-definition';

/** Run by a network's yearly Schedule: starts next year's annual cycle. No id of its own (the Schedule names its runs). */
export const scheduledCycleStartProcess = {
  workflowType: 'scheduledCycleStartWorkflow',
  workflowId: () => undefined,
  audited: true,
} as const satisfies ProcessDefinition;
