import type { DataSource } from 'typeorm';
import type { DecisionProjection } from '../../libs/processes/decision/projection';
import { actorName, upsertTasks } from '../task-projection';
import { DecisionEntity } from '../../libs/persistence/entities';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
import type { ReadModelWriter } from '../read-model-writer';

/** The decision's read model and its tasks, monotonic by revision like every projection. */
function createDecisionProjector({ dataSource }: { readonly dataSource: DataSource }) {
  return async function projectDecision({ workflowId, state, tasks }: DecisionProjection): Promise<void> {
    await dataSource.transaction(async (tx) => {
      await upsertRow(
        tx,
        DecisionEntity,
        {
          networkCode: state.network,
          id: state.id,
          workflowId,
          kind: state.kind,
          status: state.status,
          round: state.round,
          proposal: state.proposal,
          objections: state.objections,
          circulatedAt: state.circulatedAt,
          adoptedAt: state.adoptedAt,
          withdrawn: state.withdrawn ? { ...state.withdrawn, by: actorName(state.withdrawn.by) } : undefined,
          effectAppliedAt: state.effectAppliedAt,
          effectOutcome: state.effectOutcome,
          revision: state.revision,
        },
        {
          update: 'all',
          newer: { column: 'revision', orEqual: true },
        },
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
