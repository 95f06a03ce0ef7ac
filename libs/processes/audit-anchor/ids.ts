/** The one workflow per network that records its audit chain's head in Temporal. */
export function auditAnchorWorkflowId(network: string): string {
  return `audit-anchor:${network}`;
}
