import { proxyActivities, sleep } from '@temporalio/workflow';

import type { Activities } from '../../../activities';
import { AnnualCycleInput, initialAnnualCycleState } from '../../../libs/processes/annual-cycle/annual-cycle';

const { projectCycle } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

/**
 * A test-only copy of the annual cycle with its behaviour changed (it waits before it projects), registered under
 * the same type name: replaying a recorded history through it must fail. Proves the replay test can fail.
 */
export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<void> {
  await sleep(1);
  await projectCycle({ workflowId: 'changed', state: initialAnnualCycleState(input.network, input.year), tasks: [] });
}
