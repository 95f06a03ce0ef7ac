import type { Client } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import type { DataSource } from 'typeorm';

import {
  PROCESSES,
  PROJECTED_PROCESSES,
  type ProjectedProcess,
  projectedProcessOf,
  type ProjectorName,
} from '../libs/processes/registry';
import type { ReadModelDefinition } from '../libs/processes/process-definition';
import { listRuns, workflowIdsOf } from '../libs/temporal/visibility';
import { describeHistory, workflowInput } from '../libs/audit/history-file';
import type { WorkflowBundle } from '../libs/audit/replay';
import { foldEvents, recordedEvents } from '../libs/audit/timeline';
import { createProjectorActivities, READ_MODEL_WRITERS } from './read-models';

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
  readonly process: ProjectedProcess;
  readonly before: unknown;
  readonly now: unknown;
}

/**
 * Rebuilds the read models of a network (or one of its years) from the histories in Temporal: deletes the rows of the
 * processes in scope, then replays each history with the deployed code, folds its domain events with the workflows'
 * reducers, and sends the same projections the workflows sent, at the moments they sent them, in time
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
    const parsed = describeHistory(
      workflowId,
      await deps.client.workflow.getHandle(workflowId).fetchHistory(),
      workflowId,
    );
    onProgress(i + 1, ids.length, `read ${workflowId}`);
    const process = parsed.ok ? projectedProcessOf(parsed.workflowType) : undefined;
    if (!parsed.ok || !process) continue; // no read model of its own (a schedule's start, a replay job, the anchor)
    let before: unknown;
    const count = steps.length;
    // A run continued as new starts from the state its input carries: that is its first step, projected whole.
    const input = workflowInput(parsed.history);
    if (input.resume)
      steps.push({
        at: optionalTsToDate(parsed.history.events?.[0]?.eventTime)!.toISOString(),
        workflowId,
        process,
        before: undefined,
        now: (before = input.resume),
      });
    // A step wherever the workflow projected (it tells the audit sink), with what it folded since its last one: the
    // same projections as live, so the same rows (several activations may share one projection, one task several).
    let stepAt: string | undefined;
    for (const { entry, state } of foldEvents(parsed, await recordedEvents(parsed, deps.bundle))) {
      stepAt ??= entry.event.at;
      if (!entry.projected) continue;
      steps.push({ at: stepAt, workflowId, process, before, now: state });
      before = state;
      stepAt = undefined;
    }
    // A history with no domain event (a cycle of the first slice, which projected itself) is left as it is.
    if (steps.length > count) inScope.push(workflowId);
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  await clear(deps.dataSource, scope, inScope);
  // The projectors as the worker runs them: a refused row is an incident, not a stuck rebuild.
  const projectors = createProjectorActivities({ dataSource: deps.dataSource }) as unknown as Record<
    ProjectorName,
    (p: unknown) => Promise<void>
  >;
  for (const [i, s] of steps.entries()) {
    const readModel = PROCESSES[s.process].readModel as ReadModelDefinition<
      unknown,
      unknown,
      ProjectorName,
      { readonly workflowId: string }
    >;
    if (readModel.projects(s.now))
      await projectors[readModel.projector](readModel.projection(s.workflowId, s.before, s.now));
    if ((i + 1) % 50 === 0 || i + 1 === steps.length) onProgress(i + 1, steps.length, 'projected');
  }
  return { workflows: inScope.length, steps: steps.length };
}

/**
 * The rows the processes that will be refilled wrote, and only those: a process whose history is gone (past
 * Temporal's retention) or holds no domain event keeps its rows. A year's rebuild keeps rows a later year's process
 * may have changed too (each read model's writer says which).
 */
async function clear(ds: DataSource, scope: RebuildScope, ids: readonly string[]): Promise<void> {
  await ds.transaction(async (tx) => {
    await tx.query(`DELETE FROM tasks WHERE network_code = $1 AND process = ANY($2)`, [scope.network, ids]);
    for (const name of PROJECTED_PROCESSES)
      await READ_MODEL_WRITERS[name].clear(tx, {
        network: scope.network,
        workflowIds: ids,
        wholeNetwork: scope.year === undefined,
      });
  });
}
