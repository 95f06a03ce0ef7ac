import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';

import type { Activities } from '../activities';
import { ReplayJobInput, replayJobQuery, ReplayJobState } from '../libs/processes/audit-replay/messages';

const BATCH = 25;
const MAX_FAILURES_KEPT = 500;
const { replayBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});

/**
 * Replays many histories against the deployed code as a durable job (`audit-replay:{network}:{id}`): batches of 25
 * histories per activity, progress in a query, failures kept with the first event where each diverges; it continues
 * as new every 100 batches so that thousands of histories never make one history too long.
 */
export async function auditReplayWorkflow(input: ReplayJobInput): Promise<ReplayJobState> {
  let state: ReplayJobState = input.progress ?? {
    network: input.network,
    requestedBy: input.requestedBy,
    total: input.workflowIds.length,
    done: 0,
    events: 0,
    cleanly: 0,
    failed: [],
    finishedAt: null,
  };
  setHandler(replayJobQuery, () => state);
  for (let batches = 0; state.done < state.total; batches++) {
    if (batches === 100 || workflowInfo().continueAsNewSuggested)
      await continueAsNew<typeof auditReplayWorkflow>({ ...input, progress: state });
    const results = await replayBatch({ workflowIds: input.workflowIds.slice(state.done, state.done + BATCH) });
    state = {
      ...state,
      done: state.done + results.length,
      events: state.events + results.reduce((n, r) => n + r.events, 0),
      cleanly: state.cleanly + results.filter((r) => r.ok).length,
      failed: [...state.failed, ...results.filter((r) => !r.ok)].slice(0, MAX_FAILURES_KEPT),
      failedCount: (state.failedCount ?? state.failed.length) + results.filter((r) => !r.ok).length,
    };
  }
  state = { ...state, finishedAt: new Date().toISOString() };
  return state;
}
