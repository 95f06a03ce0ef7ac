import type { Client } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import type { DataSource } from 'typeorm';

import { createActivities } from '.';
import type { CycleState } from '../libs/processes/annual-cycle/annual-cycle';
import type { DecisionState } from '../libs/processes/decision/decision';
import type { MeetingState } from '../libs/processes/meeting/meeting';
import { cycleProjection } from '../libs/processes/annual-cycle/projection';
import { decisionProjection } from '../libs/processes/decision/projection';
import { meetingProjection } from '../libs/processes/meeting/projection';
import { twgRoundProjection } from '../libs/processes/twg-round/projection';
import type { TwgRoundState } from '../libs/processes/twg-round/twg-round';
import { listRuns, workflowIdsOf } from '../libs/temporal/visibility';
import { describeHistory, workflowInput } from '../libs/audit/history-file';
import type { WorkflowBundle } from '../libs/audit/replay';
import { foldEvents, recordedEvents } from '../libs/audit/timeline';

export interface RebuildScope {
  readonly network: string;
  readonly year?: number;
}

export interface RebuildResult {
  readonly workflows: number;
  readonly steps: number;
}

/** One workflow activation's worth of domain events: the workflow projected after each. */
interface Step {
  readonly at: string;
  readonly workflowId: string;
  readonly workflowType: string;
  readonly before: unknown;
  readonly now: unknown;
}

/**
 * Rebuilds the read models of a network (or one of its years) from the histories in Temporal: deletes the rows of the
 * processes in scope, then replays each history with the deployed code, folds its domain events with the workflows'
 * reducers, and sends the same projections the workflows send, step by step (one per workflow activation) and in time
 * order across processes, so that what one process writes on another's rows (impediment statuses, carried action
 * items) lands in the order it did live. Running it twice gives the same rows.
 */
export async function rebuildProjections(
  deps: { readonly dataSource: DataSource; readonly client: Client; readonly bundle: WorkflowBundle },
  scope: RebuildScope,
  onProgress: (done: number, total: number, what: string) => void = () => undefined,
): Promise<RebuildResult> {
  const ids = workflowIdsOf(await listRuns(deps.client, scope));

  const steps: Step[] = [];
  const inScope: string[] = [];
  for (const [i, workflowId] of ids.entries()) {
    const parsed = describeHistory(workflowId, await deps.client.workflow.getHandle(workflowId).fetchHistory(), workflowId);
    onProgress(i + 1, ids.length, `read ${workflowId}`);
    if (!parsed.ok || parsed.workflowType === 'scheduledCycleStartWorkflow') continue; // no read model of its own
    let before: unknown;
    let group: { eventId: number; at: string; state: unknown } | undefined;
    const count = steps.length;
    // A run continued as new starts from the state its input carries: that is its first step, projected whole.
    const input = workflowInput(parsed.history);
    if (input.resume) steps.push({ at: optionalTsToDate(parsed.history.events?.[0]?.eventTime)!.toISOString(), workflowId, workflowType: parsed.workflowType, before: undefined, now: (before = input.resume) });
    const flush = () => {
      if (!group) return;
      steps.push({ at: group.at, workflowId, workflowType: parsed.workflowType, before, now: group.state });
      before = group.state;
    };
    for (const { entry, state } of foldEvents(parsed, await recordedEvents(parsed, deps.bundle))) {
      if (group && group.eventId !== entry.eventId) flush();
      group = { eventId: entry.eventId, at: group && group.eventId === entry.eventId ? group.at : entry.event.at, state };
    }
    flush();
    // A history with no domain event (a cycle of the first slice, which projected itself) is left as it is.
    if (steps.length > count) inScope.push(workflowId);
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  await clear(deps.dataSource, scope, inScope);
  const activities = createActivities({ dataSource: deps.dataSource });
  for (const [i, s] of steps.entries()) {
    switch (s.workflowType) {
      case 'annualCycleWorkflow':
        if ((s.now as CycleState).phase !== 'NOT_STARTED') await activities.projectCycle(cycleProjection(s.workflowId, s.before as CycleState | undefined, s.now as CycleState));
        break;
      case 'decisionWorkflow':
        await activities.projectDecision(decisionProjection(s.workflowId, s.before as DecisionState | undefined, s.now as DecisionState));
        break;
      case 'twgRoundWorkflow':
        await activities.projectTwgRound(twgRoundProjection(s.workflowId, s.before as TwgRoundState | undefined, s.now as TwgRoundState));
        break;
      case 'meetingWorkflow':
        await activities.projectMeeting(meetingProjection(s.workflowId, s.before as MeetingState | undefined, s.now as MeetingState));
        break;
    }
    if ((i + 1) % 50 === 0 || i + 1 === steps.length) onProgress(i + 1, steps.length, 'projected');
  }
  return { workflows: inScope.length, steps: steps.length };
}

/**
 * The rows the processes that will be refilled wrote, and only those: a process whose history is gone (past
 * Temporal's retention) or holds no domain event keeps its rows. A year's rebuild keeps impediments and action items:
 * a later year's meeting may have changed their status, and it is not replayed (their rows are upserted instead).
 */
async function clear(ds: DataSource, scope: RebuildScope, ids: readonly string[]): Promise<void> {
  await ds.transaction(async (tx) => {
    const years = ((await tx.query(`SELECT year FROM cycles WHERE network_code = $1 AND workflow_id = ANY($2)`, [scope.network, ids])) as { year: number }[]).map((r) => r.year);
    for (const table of ['plan_activities', 'plan_revisions', 'cycles']) await tx.query(`DELETE FROM ${table} WHERE network_code = $1 AND year = ANY($2)`, [scope.network, years]);
    await tx.query(`DELETE FROM tasks WHERE network_code = $1 AND process = ANY($2)`, [scope.network, ids]);
    await tx.query(`DELETE FROM decisions WHERE network_code = $1 AND workflow_id = ANY($2)`, [scope.network, ids]);
    await tx.query(`DELETE FROM twg_rounds WHERE network_code = $1 AND id = ANY($2)`, [scope.network, ids]);
    await tx.query(`DELETE FROM meetings WHERE network_code = $1 AND workflow_id = ANY($2)`, [scope.network, ids]);
    if (scope.year !== undefined) return;
    await tx.query(`DELETE FROM impediments WHERE network_code = $1 AND round_id = ANY($2)`, [scope.network, ids]);
    await tx.query(`DELETE FROM action_items WHERE network_code = $1 AND meeting = ANY($2)`, [scope.network, ids]);
  });
}
