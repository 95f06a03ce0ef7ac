/** The entry point of the workflow bundle: every workflow type the worker registers. */
export { annualCycleWorkflow } from './annual-cycle.workflow';
export { auditReplayWorkflow } from './audit-replay.workflow';
export { decisionWorkflow } from './decision.workflow';
export { scheduledCycleStartWorkflow } from './scheduled-cycle-start.workflow';
export { twgRoundWorkflow } from './twg-round.workflow';
export { meetingWorkflow } from './meeting.workflow';
export { auditAnchorWorkflow } from './audit-anchor.workflow';
