import { defineQuery, defineUpdate } from '@temporalio/workflow';

import type { CycleState } from './annual-cycle';
import type { ExtendDeadlineCommand, ExtendedDeadline } from './deadline-extension';

/** Defined once and used by the workflow, the API and the tests (STYLE 2). */
export const cycleStateQuery = defineQuery<CycleState>('cycleState');

/**
 * Moves one of the cycle's deadlines later (the coordinator's, with a reason): the calendar's date, and the open tasks
 * due by it with their reminders, escalations and expiries, so the phase closes later too.
 */
export const extendDeadlineUpdate = defineUpdate<ExtendedDeadline, [ExtendDeadlineCommand]>('extendDeadline');
