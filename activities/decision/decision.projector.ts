import type { DataSource } from 'typeorm';
import type { DecisionProjection } from '../../libs/processes/decision/projection';
import { actorName, upsertTasks } from '../task-projection';
import type { ReadModelWriter } from '../read-model-writer';

/** The decision's read model and its tasks, monotonic by revision like every projection. */
function createDecisionProjector({ dataSource }: { readonly dataSource: DataSource }) {
  return async function projectDecision({ workflowId, state, tasks }: DecisionProjection): Promise<void> {
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO decisions (network_code, id, workflow_id, kind, status, round, proposal, objections, circulated_at,
                                adopted_at, withdrawn, effect_applied_at, effect_outcome, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT ON CONSTRAINT pk_decisions DO UPDATE SET
           status = EXCLUDED.status, round = EXCLUDED.round, proposal = EXCLUDED.proposal, objections = EXCLUDED.objections,
           circulated_at = EXCLUDED.circulated_at, adopted_at = EXCLUDED.adopted_at, withdrawn = EXCLUDED.withdrawn,
           effect_applied_at = EXCLUDED.effect_applied_at, effect_outcome = EXCLUDED.effect_outcome, revision = EXCLUDED.revision
         WHERE decisions.revision < EXCLUDED.revision`,
        [
          state.network,
          state.id,
          workflowId,
          state.kind,
          state.status,
          state.round,
          JSON.stringify(state.proposal),
          JSON.stringify(state.objections),
          state.circulatedAt,
          state.adoptedAt,
          state.withdrawn ? JSON.stringify({ ...state.withdrawn, by: actorName(state.withdrawn.by) }) : null,
          state.effectAppliedAt,
          state.effectOutcome,
          state.revision,
        ],
      );
      await upsertTasks(tx, tasks);
    });
  };
}

export const decisionReadModel: ReadModelWriter<DecisionProjection> = {
  project: createDecisionProjector,
  clear: async (tx, { network, workflowIds }) => {
    await tx.query(`DELETE FROM decisions WHERE network_code = $1 AND workflow_id = ANY($2)`, [network, workflowIds]);
  },
};
