import type { DataSource } from 'typeorm';

import { TwgEntity } from '../../libs/persistence/entities';
import { updateRows } from '../../libs/persistence/read-models/update-rows';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
import type { DecisionKind } from '../../libs/processes/decision/decision';

export interface DecisionDeps {
  readonly dataSource: DataSource;
}

export interface DecisionEffect {
  readonly network: string;
  readonly decisionId: string;
  readonly kind: DecisionKind;
  readonly payload: unknown;
  readonly adoptedAt: string;
}

export function createDecisionActivities({ dataSource }: DecisionDeps) {
  return {
    /**
     * What an adopted decision does, idempotently (the workflow calls it once, but an activity may run twice):
     * establishing a TWG inserts it unless present; abolishing one stamps it unless already abolished. Returns
     * `applied`, or why there was nothing to apply (another decision got there first), which the decision records.
     */
    async applyDecisionEffect(e: DecisionEffect): Promise<string> {
      const p = e.payload as Record<string, unknown>;
      switch (e.kind) {
        case 'establish-twg': {
          await upsertRow(
            dataSource.manager,
            TwgEntity,
            {
              networkCode: e.network,
              code: p.code,
              name: p.name,
              thematicArea: p.thematicArea,
              leadAgency: p.leadAgency,
              memberAgencies: p.memberAgencies,
              establishedOn: e.adoptedAt,
              establishedBy: e.decisionId,
            },
            'nothing', // a TWG of that code exists: the first to establish it keeps it
          );
          const [row] = (await dataSource.query(
            `SELECT established_by FROM twgs WHERE network_code = $1 AND code = $2`,
            [e.network, p.code],
          )) as { established_by: string | null }[];
          return row?.established_by === e.decisionId
            ? 'applied'
            : `not applied: TWG ${String(p.code)} was established by ${row?.established_by ?? 'the first meeting'}`;
        }
        case 'abolish-twg': {
          await updateRows(dataSource.manager, TwgEntity, {
            where: { networkCode: e.network, code: p.twg },
            set: { abolishedOn: e.adoptedAt, abolishedBy: e.decisionId },
            onlyIf: { column: 'abolishedOn', isNull: true },
          });
          const [row] = (await dataSource.query(`SELECT abolished_by FROM twgs WHERE network_code = $1 AND code = $2`, [
            e.network,
            p.twg,
          ])) as { abolished_by: string | null }[];
          return row?.abolished_by === e.decisionId
            ? 'applied'
            : `not applied: TWG ${String(p.twg)} was abolished by ${row?.abolished_by ?? 'nobody'}`;
        }
        case 'adopt-minutes': // the meeting that asked for it reads the outcome (meetings come with their own issue)
        case 'general':
          return 'applied';
      }
    },
  };
}
