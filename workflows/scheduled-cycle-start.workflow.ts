import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';

import { defaultCalendar } from '../libs/domain/calendar';
import type { Actor } from '../libs/domain/roles';
import { zoneOffsetMs } from '../libs/domain/time-zone';
import type { ProcessName } from '../libs/processes/registry';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE } from '../libs/temporal/search-attributes';
import { annualCycleWorkflowId } from '../libs/processes/annual-cycle/ids';
import { annualCycleWorkflow } from './annual-cycle.workflow';

/** What the yearly Schedule passes: the template the next cycle's calendar is built from. */
export interface ScheduledCycleStartInput {
  readonly network: string;
  readonly timeZone: string;
  readonly startedBy: Actor;
  /** The schedule's own settings, kept here so that setting it again can tell whether anything changed. */
  readonly schedule: { readonly month: number; readonly day: number; readonly hour: number };
}

/**
 * Run by the network's yearly Schedule: starts next year's annual cycle (year = the local year now + 1) from the
 * calendar template, as an abandoned child so the cycle lives on after this short workflow ends. Starting a year that
 * was already started is not an error here: the schedule's job is done.
 */
export async function scheduledCycleStartWorkflow(
  input: ScheduledCycleStartInput,
): Promise<{ year: number; started: boolean }> {
  const now = Date.now();
  const year = new Date(now + zoneOffsetMs(now, input.timeZone)).getUTCFullYear() + 1;
  try {
    await startChild(annualCycleWorkflow, {
      workflowId: annualCycleWorkflowId(input.network, year),
      args: [
        { network: input.network, year, calendar: defaultCalendar(year, input.timeZone), startedBy: input.startedBy },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: NETWORK_ATTRIBUTE, value: input.network },
        { key: PROCESS_ATTRIBUTE, value: 'annual-cycle' satisfies ProcessName },
        { key: YEAR_ATTRIBUTE, value: year },
      ],
    });
    return { year, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { year, started: false };
    throw err;
  }
}
