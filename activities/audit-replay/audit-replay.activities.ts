import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';

import { describeHistory, ParsedHistory } from '../../libs/audit/history-file';
import { replayHistories, WorkflowBundle } from '../../libs/audit/replay';
import type { ReplayedHistory } from '../../libs/processes/audit-replay/messages';

export interface AuditReplayDeps {
  /** Absent where the worker has no client of its own (then replay jobs fail with a reason). */
  readonly temporal?: { readonly client: Client; readonly bundle: () => Promise<WorkflowBundle> };
}

export function createAuditReplayActivities({ temporal }: AuditReplayDeps) {
  return {
    /** Fetches a batch of histories from Temporal and replays them against the code this worker runs; heartbeats progress. */
    async replayBatch({ workflowIds }: { workflowIds: readonly string[] }): Promise<ReplayedHistory[]> {
      if (!temporal) throw new Error('this worker has no Temporal client for audit replays');
      const parsed: ParsedHistory[] = [];
      for (const id of workflowIds) {
        try {
          parsed.push(describeHistory(id, await temporal.client.workflow.getHandle(id).fetchHistory(), id));
        } catch (err) {
          parsed.push({ ok: false, file: id, reason: `not fetched: ${(err as Error).message.split('\n')[0]}` });
        }
      }
      const good = parsed.filter((p): p is Extract<ParsedHistory, { ok: true }> => p.ok);
      const outcomes = await replayHistories(good, await temporal.bundle(), (_o, done) =>
        Context.current().heartbeat(done),
      );
      const byFile = new Map(outcomes.map((o) => [o.file, o]));
      return parsed.map((p) => {
        if (!p.ok) return { workflowId: p.file, events: 0, ok: false, divergedAt: null, error: p.reason };
        const o = byFile.get(p.file)!;
        return { workflowId: o.workflowId, events: o.events, ok: o.ok, divergedAt: o.divergedAt, error: o.error };
      });
    },
  };
}
