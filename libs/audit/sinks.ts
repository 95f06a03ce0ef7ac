import type { InjectedSinks } from '@temporalio/worker';

import type { AuditSinks } from '../processes/audit-sink';

/** What a live worker does with the domain events workflows report: nothing (they are in the history's inputs already). */
export const LIVE_SINKS: InjectedSinks<AuditSinks> = {
  audit: { recorded: { fn: () => undefined }, projected: { fn: () => undefined } },
};
