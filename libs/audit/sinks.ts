import type { InjectedSinks } from '@temporalio/worker';

import { TRACING_SINKS } from '../observability/tracing';
import type { AuditSinks } from '../processes/audit-sink';

/**
 * What a live worker does with the domain events workflows report: nothing (they are in the history's inputs
 * already); and the workflow spans go where the process's spans go.
 */
export const LIVE_SINKS: InjectedSinks<AuditSinks> & typeof TRACING_SINKS = {
  audit: { recorded: { fn: () => undefined }, projected: { fn: () => undefined } },
  ...TRACING_SINKS,
};
