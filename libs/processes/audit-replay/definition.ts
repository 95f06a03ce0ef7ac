import type { ProcessDefinition } from '../process-definition';

/** A durable job replaying many histories against the deployed code; its own history records no work of the network. */
export const auditReplayProcess = {
  workflowType: 'auditReplayWorkflow',
  workflowId: () => undefined,
  audited: false,
} as const satisfies ProcessDefinition;
