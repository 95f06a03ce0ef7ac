import { defineQuery } from '@temporalio/workflow';

import type { ReplayOutcome } from '../../audit/replay';

/** One replay result, as a replay job keeps it. */
export type ReplayedHistory = Pick<ReplayOutcome, 'workflowId' | 'events' | 'ok' | 'divergedAt' | 'error'>;

/** A replay job's progress: how many histories, how many replayed, and each that did not replay cleanly. */
export interface ReplayJobState {
  readonly network: string;
  readonly requestedBy: string;
  readonly total: number;
  readonly done: number;
  readonly events: number;
  readonly cleanly: number;
  /** How many did not replay; `failed` keeps the first 500 of them (a job's state must stay well under 2 MB). */
  readonly failedCount?: number;
  readonly failed: readonly ReplayedHistory[];
  readonly finishedAt: string | null;
}

export interface ReplayJobInput {
  readonly network: string;
  readonly requestedBy: string;
  readonly workflowIds: readonly string[];
  /** Set by continue-as-new: where the previous run stopped. */
  readonly progress?: ReplayJobState;
}

export const replayJobQuery = defineQuery<ReplayJobState>('replayJob');
