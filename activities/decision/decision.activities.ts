import type { DataSource } from 'typeorm';

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
          await dataSource.query(
            `INSERT INTO twgs (network_code, code, name, thematic_area, lead_agency, member_agencies, established_on, established_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ON CONSTRAINT pk_twgs DO NOTHING`,
            [e.network, p.code, p.name, p.thematicArea, p.leadAgency, p.memberAgencies, e.adoptedAt, e.decisionId],
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
          await dataSource.query(
            `UPDATE twgs SET abolished_on = $3, abolished_by = $4 WHERE network_code = $1 AND code = $2 AND abolished_on IS NULL`,
            [e.network, p.twg, e.adoptedAt, e.decisionId],
          );
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
