import type { DataSource } from 'typeorm';

import type { TwgRoundProjection } from '../../libs/processes/twg-round/projection';
import { currentMembers } from '../network.activities';
import { upsertTasks } from '../task-projection';

export interface TwgRoundDeps {
  readonly dataSource: DataSource;
}

export interface ActiveTwg {
  readonly code: string;
  readonly leadAgency: string;
  readonly memberAgencies: readonly string[];
}

export function createTwgRoundActivities({ dataSource }: TwgRoundDeps) {
  return {
    /** The TWGs active at `at` (a period's start): established by then and not abolished (a TWG established later waits for the next period). */
    async activeTwgs({ network, at }: { network: string; at: string }): Promise<ActiveTwg[]> {
      const rows = (await dataSource.query(
        `SELECT code, lead_agency, member_agencies FROM twgs
         WHERE network_code = $1 AND established_on <= $2 AND abolished_on IS NULL ORDER BY code`,
        [network, at],
      )) as { code: string; lead_agency: string; member_agencies: string[] }[];
      // A TWG's members who have left the Network are not asked for updates.
      const current = new Set((await currentMembers(dataSource, network)).members);
      return rows.map((r) => ({ code: r.code, leadAgency: r.lead_agency, memberAgencies: r.member_agencies.filter((m) => current.has(m)) }));
    },

    /** The workflow ids of a TWG's rounds that have not closed. */
    async openTwgRounds({ network, twg }: { network: string; twg: string }): Promise<string[]> {
      const rows = (await dataSource.query(
        `SELECT id FROM twg_rounds WHERE network_code = $1 AND twg = $2 AND status IN ('COLLECTING', 'CONSOLIDATING') ORDER BY id`,
        [network, twg],
      )) as { id: string }[];
      return rows.map((r) => r.id);
    },

    /**
     * The round's read model and tasks; once it has closed, its report's impediments in the register, each with its
     * target (the Network, or the Government through the Network), open until a meeting resolves it. Idempotent.
     */
    async projectTwgRound({ workflowId, state, tasks }: TwgRoundProjection): Promise<void> {
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
          [input.network, workflowId, input.twg.code, input.year, input.period, state.status, input.start, input.end,
            JSON.stringify(state.updates), JSON.stringify(state.report), state.closedAt, state.revision, state.cancelledReason ?? null],
        );
        await upsertTasks(tx, tasks);
        if (state.status !== 'CLOSED' || !state.report) return;
        for (const [i, imp] of state.report.impediments.entries()) {
          await tx.query(
            `INSERT INTO impediments (network_code, id, twg, round_id, description, severity, gcm_objectives, target, status, raised_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) ON CONFLICT ON CONSTRAINT pk_impediments DO NOTHING`,
            [input.network, `${workflowId}:${i + 1}`, input.twg.code, workflowId, imp.description, imp.severity, imp.gcmObjectives, imp.target, state.closedAt],
          );
        }
      });
    },
  };
}
