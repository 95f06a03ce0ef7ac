import { ApplicationFailure } from '@temporalio/common';
import type { DataSource, EntityManager } from 'typeorm';

import { CycleEntity, PlanActivityEntity, PlanRevisionEntity } from '../../libs/persistence/entities';
import { updateRows } from '../../libs/persistence/read-models/update-rows';
import { upsertRow } from '../../libs/persistence/read-models/upsert-row';
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
      await upsertRow(
        tx,
        CycleEntity,
        {
          networkCode: state.network,
          year: state.year,
          workflowId,
          phase: state.phase,
          calendar: state.calendar,
          startedBy: actorName(state.startedBy),
          startedAt: state.startedAt,
          closedAt: state.closedAt ?? undefined,
          revision: state.revision,
          phaseEnteredAt: state.phaseEnteredAt,
          planRevision: plan && plan.length > 0 ? plan[plan.length - 1].revision : undefined,
          report: p.report ?? undefined, // none sent: the row keeps its report
        },
        {
          update: 'all',
          keep: ['planRevision', 'report'],
          touch: 'updatedAt',
          newer: { column: 'revision', orEqual: true },
        },
      );
      await upsertTasks(tx, p.tasks);
      for (const r of p.revisions ?? []) {
        await upsertRow(
          tx,
          PlanRevisionEntity,
          {
            networkCode: state.network,
            year: state.year,
            revision: r.revision,
            submittedAt: r.submittedAt,
            submittedBy: actorName(r.submittedBy),
            note: r.note,
            activities: r.activities,
            objections: r.objections,
            endorsedAt: r.endorsedAt,
            cycleRevision: state.revision,
          },
          // Every column, not only what changes after submission: a projection of a workflow task that never completed
          // (its worker killed) wrote this revision with that task's time; the task's retry writes what the history keeps.
          {
            update: 'all',
            newer: { column: 'cycleRevision', orEqual: true },
          },
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
  tx: EntityManager,
  state: CycleState,
  revision: CycleState['revisions'][number] | undefined,
  progress: CycleState['progress'] | undefined,
): Promise<void> {
  const plan = revision ?? undefined;
  const activities = plan?.endorsedAt ? plan.activities : [];
  for (const a of activities) {
    await upsertRow(
      tx,
      PlanActivityEntity,
      {
        networkCode: state.network,
        year: state.year,
        id: a.id,
        revision: plan!.revision,
        title: a.title,
        description: a.description,
        leadAgency: a.leadAgency,
        partnerAgencies: a.partnerAgencies,
        gcmObjectives: a.gcmObjectives,
        networkObjective: a.networkObjective,
        twg: a.twg ?? undefined,
        milestones: a.milestones,
        indicators: a.indicators,
        sdgTargets: [...(a.sdgTargets ?? [])],
        genderMarker: a.genderMarker ?? null,
        humanRightsMarker: a.humanRightsMarker ?? null,
        geography: [...(a.geography ?? [])],
        budget: a.budget ?? null,
        status: undefined, // progress below sets both
        progress: [],
        cycleRevision: state.revision,
      },
      {
        update: [
          'revision',
          'title',
          'description',
          'leadAgency',
          'partnerAgencies',
          'gcmObjectives',
          'networkObjective',
          'twg',
          'milestones',
          'indicators',
          'sdgTargets',
          'genderMarker',
          'humanRightsMarker',
          'geography',
          'budget',
        ],
        newer: { column: 'revision', orEqual: true },
      },
    );
  }
  for (const [id, reports] of Object.entries(progress ?? {})) {
    await updateRows(tx, PlanActivityEntity, {
      where: { networkCode: state.network, year: state.year, id },
      set: { progress: reports, status: reports.at(-1)?.status, cycleRevision: state.revision },
      onlyIf: { column: 'cycleRevision', atMost: state.revision },
    });
  }
}
