import type { ProcessDefinition } from '../process-definition';
import { auditAnchorWorkflowId } from './ids';

/** Records the head of a network's audit chain in Temporal at intervals, so a rewritten chain shows. */
export const auditAnchorProcess = {
  workflowType: 'auditAnchorWorkflow',
  workflowId: (i) => (i.network ? auditAnchorWorkflowId(String(i.network)) : undefined),
  audited: true,
} as const satisfies ProcessDefinition;
