/** The MignetProcess search attribute of the anchor workflow, by which visibility lists its runs. */
export const AUDIT_ANCHOR_PROCESS = 'audit-anchor';

/** The one workflow per network that records its audit chain's head in Temporal. */
export function auditAnchorWorkflowId(network: string): string {
  return `audit-anchor:${network}`;
}
