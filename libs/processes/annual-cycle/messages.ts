import { defineQuery } from '@temporalio/workflow';

import type { CycleState } from './annual-cycle';

/** Defined once and used by the workflow, the API and the tests (STYLE 2). */
export const cycleStateQuery = defineQuery<CycleState>('cycleState');
