import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';

import type { CycleState } from '../../libs/processes/annual-cycle/annual-cycle';
import type { CycleProjection } from '../../libs/processes/annual-cycle/projection';
import type { ReadModelWriter } from '../read-model-writer';
import { actorName, upsertTasks } from '../task-projection';

/**
 * Brings the cycle's read models up to date in one transaction. Idempotent and monotonic: every upsert keeps the
 * row with the highest revision (tasks: version), so a retried or late call never takes a row back in time.
 */
function createCycleProjector({ dataSource }: { readonly dataSource: DataSource }) {
  return async function projectCycle(p: CycleProjection): Promise<void> {
    const { state, workflowId } = p;
    if (!state.calendar || !state.startedAt || !state.startedBy || state.phase === 'NOT_STARTED') {
      throw ApplicationFailure.nonRetryable(`cycle ${workflowId} has not started: nothing to project`, 'NOT_STARTED');
    }
    await dataSource.transaction(async (tx) => {
      const plan = p.revisions ?? undefined;
      await tx.query(
        `INSERT INTO cycles (network_code, year, workflow_id, phase, calendar, started_by, started_at, closed_at, revision,
                               phase_entered_at, plan_revision, report)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT ON CONSTRAINT pk_cycles DO UPDATE SET
             workflow_id = EXCLUDED.workflow_id, phase = EXCLUDED.phase, calendar = EXCLUDED.calendar,
             started_by = EXCLUDED.started_by, started_at = EXCLUDED.started_at, closed_at = EXCLUDED.closed_at,
             revision = EXCLUDED.revision, phase_entered_at = EXCLUDED.phase_entered_at,
             plan_revision = COALESCE(EXCLUDED.plan_revision, cycles.plan_revision),
             report = COALESCE(EXCLUDED.report, cycles.report), updated_at = now()
           WHERE cycles.revision < EXCLUDED.revision`,
        [
          state.network,
          state.year,
          workflowId,
          state.phase,
          JSON.stringify(state.calendar),
          actorName(state.startedBy),
          state.startedAt,
          state.closedAt ?? null,
          state.revision,
          state.phaseEnteredAt,
          plan && plan.length > 0 ? plan[plan.length - 1].revision : null,
          p.report ? JSON.stringify(p.report) : null,
        ],
      );
      await upsertTasks(tx, p.tasks);
      for (const r of p.revisions ?? []) {
        await tx.query(
          `INSERT INTO plan_revisions (network_code, year, revision, submitted_at, submitted_by, note, activities, objections,
                                         endorsed_at, cycle_revision)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT ON CONSTRAINT pk_plan_revisions DO UPDATE SET
               objections = EXCLUDED.objections, endorsed_at = EXCLUDED.endorsed_at, cycle_revision = EXCLUDED.cycle_revision
             WHERE plan_revisions.cycle_revision < EXCLUDED.cycle_revision`,
          [
            state.network,
            state.year,
            r.revision,
            r.submittedAt,
            actorName(r.submittedBy),
            r.note,
            JSON.stringify(r.activities),
            JSON.stringify(r.objections),
            r.endorsedAt,
            state.revision,
          ],
        );
      }
      const current = p.revisions?.[p.revisions.length - 1];
      if (current?.endorsedAt || p.progress) await projectActivities(tx, state, current, p.progress);
    });
  };
}

export const annualCycleReadModel: ReadModelWriter<CycleProjection> = {
  project: createCycleProjector,
  clear: async (tx, { network, workflowIds }) => {
    const years = (
      (await tx.query(`SELECT year FROM cycles WHERE network_code = $1 AND workflow_id = ANY($2)`, [
        network,
        workflowIds,
      ])) as { year: number }[]
    ).map((r) => r.year);
    for (const table of ['plan_activities', 'plan_revisions', 'cycles'])
      await tx.query(`DELETE FROM ${table} WHERE network_code = $1 AND year = ANY($2)`, [network, years]);
  },
};

/** The endorsed plan's activities, each with its progress reports and latest status. */
async function projectActivities(
  tx: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  state: CycleState,
  revision: CycleState['revisions'][number] | undefined,
  progress: CycleState['progress'] | undefined,
): Promise<void> {
  const plan = revision ?? undefined;
  const activities = plan?.endorsedAt ? plan.activities : [];
  for (const a of activities) {
    await tx.query(
      `INSERT INTO plan_activities (network_code, year, id, revision, title, description, lead_agency, partner_agencies,
                                    gcm_objectives, network_objective, twg, milestones, indicators, status, progress, cycle_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, '[]', $14)
       ON CONFLICT ON CONSTRAINT pk_plan_activities DO UPDATE SET
         revision = EXCLUDED.revision, title = EXCLUDED.title, description = EXCLUDED.description,
         lead_agency = EXCLUDED.lead_agency, partner_agencies = EXCLUDED.partner_agencies,
         gcm_objectives = EXCLUDED.gcm_objectives, network_objective = EXCLUDED.network_objective, twg = EXCLUDED.twg,
         milestones = EXCLUDED.milestones, indicators = EXCLUDED.indicators
       WHERE plan_activities.revision <= EXCLUDED.revision`,
      [
        state.network,
        state.year,
        a.id,
        plan!.revision,
        a.title,
        a.description,
        a.leadAgency,
        a.partnerAgencies,
        a.gcmObjectives,
        a.networkObjective,
        a.twg ?? null,
        JSON.stringify(a.milestones),
        JSON.stringify(a.indicators),
        state.revision,
      ],
    );
  }
  for (const [id, reports] of Object.entries(progress ?? {})) {
    await tx.query(
      `UPDATE plan_activities SET progress = $4, status = $5, cycle_revision = $6
       WHERE network_code = $1 AND year = $2 AND id = $3 AND cycle_revision <= $6`,
      [
        state.network,
        state.year,
        id,
        JSON.stringify(reports),
        reports.length > 0 ? reports[reports.length - 1].status : null,
        state.revision,
      ],
    );
  }
}
