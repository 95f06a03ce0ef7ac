import { allHandlersFinished, condition, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';

import type { Activities } from '../activities';
import { AnnualCycleInput, applyCycleEvent, CycleEvent, CycleState, initialCycleState } from '../libs/domain/annual-cycle';
import { cycleStateQuery } from './annual-cycle.messages';

const { projectCycle } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One network's year (`annual-cycle:{network}:{year}`). State is the fold of domain events; after each event the
 * read model in PostgreSQL is brought up to date. The phases between PLANNING and CLOSED come with the annual-cycle
 * issue; for now the cycle is open from its start until the calendar's end, a durable timer.
 */
export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<CycleState> {
  let state = initialCycleState(input.network, input.year);
  setHandler(cycleStateQuery, () => state);

  const record = async (event: CycleEvent): Promise<void> => {
    state = applyCycleEvent(state, event);
    await projectCycle({ workflowId: workflowInfo().workflowId, state });
  };

  await record({ type: 'CycleStarted', at: new Date().toISOString(), by: input.startedBy, calendar: input.calendar });
  await sleep(Math.max(0, Date.parse(input.calendar.end) - Date.now()));
  await record({ type: 'CycleClosed', at: new Date().toISOString(), reason: 'year-ended' });

  await condition(allHandlersFinished);
  return state;
}
