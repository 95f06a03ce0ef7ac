import type { DataSource } from 'typeorm';
import type { TwgRoundProjection } from '../../libs/processes/twg-round/projection';
import { upsertTasks } from '../task-projection';
import { ImpedimentEntity, TwgRoundEntity } from '../../libs/persistence/entities';
import { updateRows } from '../../libs/persistence/read-models/update-rows';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
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
      await upsertRow(
        tx,
        TwgRoundEntity,
        {
          networkCode: input.network,
          id: workflowId,
          twg: input.twg.code,
          year: input.year,
          period: input.period,
          status: state.status,
          periodStart: input.start,
          periodEnd: input.end,
          updates: state.updates,
          report: state.report,
          closedAt: state.closedAt,
          revision: state.revision,
          cancelledReason: state.cancelledReason ?? undefined,
        },
        {
          update: 'all',
          newer: { column: 'revision', orEqual: true },
        },
      );
      await upsertTasks(tx, tasks);
      if (state.status !== 'CLOSED' || !state.report) return;
      for (const [i, imp] of state.report.impediments.entries()) {
        const id = `${workflowId}:${i + 1}`;
        await upsertRow(
          tx,
          ImpedimentEntity,
          {
            networkCode: input.network,
            id,
            twg: input.twg.code,
            roundId: workflowId,
            description: imp.description,
            severity: imp.severity,
            gcmObjectives: imp.gcmObjectives,
            target: imp.target,
            status: 'open',
            raisedAt: state.closedAt,
          },
          'nothing', // raised once; its status is the meetings' to change
        );
        // What a workflow task that never completed wrote (its closing time; a report it closed with) gives way, until a
        // meeting moves the impediment, to what the projection that did complete says.
        await updateRows(tx, ImpedimentEntity, {
          where: { networkCode: input.network, id },
          set: {
            description: imp.description,
            severity: imp.severity,
            gcmObjectives: imp.gcmObjectives,
            target: imp.target,
            raisedAt: state.closedAt,
          },
          onlyIf: { column: 'statusAt', isNull: true },
        });
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
