import { ApplicationFailure } from '@temporalio/common';
import type { Repository } from 'typeorm';

import type { CycleState } from '../libs/domain/annual-cycle';
import type { CycleEntity } from '../libs/persistence/entities';

export interface CycleProjectionDeps {
  readonly cycles: Repository<CycleEntity>;
}

export interface CycleProjection {
  readonly workflowId: string;
  readonly state: CycleState;
}

export function createCycleProjectionActivities({ cycles }: CycleProjectionDeps) {
  return {
    /**
     * Writes the cycle's read model. Idempotent and monotonic: a retried or late call with an older revision
     * changes nothing, so the row always shows the newest state the workflow has projected.
     */
    async projectCycle({ workflowId, state }: CycleProjection): Promise<void> {
      if (!state.calendar || !state.startedAt || !state.startedBy || state.phase === 'NOT_STARTED') {
        throw ApplicationFailure.nonRetryable(`cycle ${workflowId} has not started: nothing to project`, 'NOT_STARTED');
      }
      await cycles.query(
        `INSERT INTO cycles (network_code, year, workflow_id, phase, calendar, started_by, started_at, closed_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT pk_cycles DO UPDATE SET
           workflow_id = EXCLUDED.workflow_id, phase = EXCLUDED.phase, calendar = EXCLUDED.calendar,
           started_by = EXCLUDED.started_by, started_at = EXCLUDED.started_at, closed_at = EXCLUDED.closed_at,
           revision = EXCLUDED.revision, updated_at = now()
         WHERE cycles.revision < EXCLUDED.revision`,
        [
          state.network,
          state.year,
          workflowId,
          state.phase,
          JSON.stringify(state.calendar),
          state.startedBy.agency ?? state.startedBy.role,
          state.startedAt,
          state.closedAt ?? null,
          state.revision,
        ],
      );
    },
  };
}
