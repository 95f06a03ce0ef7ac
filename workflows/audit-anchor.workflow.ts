import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';

import type { Activities } from '../activities';
import { RETRY } from './process-kit';

export interface AuditAnchorInput {
  readonly network: string;
  /** Time between two readings of the head. */
  readonly everyMs: number;
}

const { readAuditHead } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

/**
 * `audit-anchor:{network}`: records the head of the network's audit chain (seq and hash) in this workflow's history
 * every `everyMs`. A history lives in Temporal, out of reach of whoever controls PostgreSQL, so `verify` can tell a
 * deleted tail or a re-hashed chain from the real one: each recorded head must still be in the chain, unchanged.
 * Each reading is an activity result, which is the record; it continues as new every 500 readings.
 */
export async function auditAnchorWorkflow(input: AuditAnchorInput): Promise<void> {
  for (let i = 0; i < 500 && !workflowInfo().continueAsNewSuggested; i++) {
    await readAuditHead(input.network);
    await sleep(input.everyMs);
  }
  await continueAsNew<typeof auditAnchorWorkflow>(input);
}
