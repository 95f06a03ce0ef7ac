import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

import type { Activities } from '../../activities';

/** The product's workflows, plus bare ones for the baselines of bench/task-completion.ts. */
export * from '../../workflows';

export const echoUpdate = defineUpdate<number, [number]>('echo');
export const echoAfterActivityUpdate = defineUpdate<number, [number]>('echoAfterActivity');
export const echoAfterLocalActivityUpdate = defineUpdate<number, [number]>('echoAfterLocalActivity');

const { loadNetwork } = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

/**
 * Answers an Update with its argument: what a Temporal Update costs with no mignet code; `echoAfterActivity` first
 * awaits one small activity, as a task completion awaits its projection.
 */
export async function echoUpdateWorkflow(): Promise<void> {
  let done = false;
  setHandler(echoUpdate, (n) => {
    if (n < 0) done = true;
    return n;
  });
  setHandler(echoAfterActivityUpdate, async (n) => {
    await loadNetwork('tl');
    return n;
  });
  setHandler(echoAfterLocalActivityUpdate, async (n) => {
    await local.loadNetwork('tl');
    return n;
  });
  await condition(() => done);
}
