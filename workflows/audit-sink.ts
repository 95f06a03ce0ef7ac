import { proxySinks } from '@temporalio/workflow';

import type { AuditSinks } from '../libs/processes/audit-sink';

/** The audit sink the workflows tell their domain events to (libs/processes/audit-sink.ts says why). */
export const { audit } = proxySinks<AuditSinks>();
