import type { DataSource } from 'typeorm';
import type { TwgRoundProjection } from '../../libs/processes/twg-round/projection';
import { upsertTasks } from '../task-projection';
import type { ReadModelWriter } from '../read-model-writer';

/**
 * The round's read model and tasks; once it has closed, its report's impediments in the register, each with its
 * target (the Network, or the Government through the Network), open until a meeting resolves it. Idempotent.
 */
function createTwgRoundProjector({ dataSource }: { readonly dataSource: DataSource }) {
  return async function projectTwgRound({ workflowId, state, tasks }: TwgRoundProjection): Promise<void> {
    const input = state.input;
    if (!input) return;
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO twg_rounds (network_code, id, twg, year, period, status, period_start, period_end, updates, report, closed_at, revision, cancelled_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT ON CONSTRAINT pk_twg_rounds DO UPDATE SET
           status = EXCLUDED.status, updates = EXCLUDED.updates, report = EXCLUDED.report, closed_at = EXCLUDED.closed_at,
           revision = EXCLUDED.revision, cancelled_reason = EXCLUDED.cancelled_reason
         WHERE twg_rounds.revision < EXCLUDED.revision`,
        [
          input.network,
          workflowId,
          input.twg.code,
          input.year,
          input.period,
          state.status,
          input.start,
          input.end,
          JSON.stringify(state.updates),
          JSON.stringify(state.report),
          state.closedAt,
          state.revision,
          state.cancelledReason ?? null,
        ],
      );
      await upsertTasks(tx, tasks);
      if (state.status !== 'CLOSED' || !state.report) return;
      for (const [i, imp] of state.report.impediments.entries()) {
        await tx.query(
          `INSERT INTO impediments (network_code, id, twg, round_id, description, severity, gcm_objectives, target, status, raised_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) ON CONFLICT ON CONSTRAINT pk_impediments DO NOTHING`,
          [
            input.network,
            `${workflowId}:${i + 1}`,
            input.twg.code,
            workflowId,
            imp.description,
            imp.severity,
            imp.gcmObjectives,
            imp.target,
            state.closedAt,
          ],
        );
      }
    });
  };
}

export const twgRoundReadModel: ReadModelWriter<TwgRoundProjection> = {
  project: createTwgRoundProjector,
  clear: async (tx, { network, workflowIds, wholeNetwork }) => {
    await tx.query(`DELETE FROM twg_rounds WHERE network_code = $1 AND id = ANY($2)`, [network, workflowIds]);
    // A later meeting may have moved an impediment's status: a year's rebuild keeps the row and upserts it.
    if (wholeNetwork)
      await tx.query(`DELETE FROM impediments WHERE network_code = $1 AND round_id = ANY($2)`, [network, workflowIds]);
  },
};
