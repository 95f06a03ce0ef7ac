import type { DataSource } from 'typeorm';

import {
  PROCESSES,
  PROJECTED_PROCESSES,
  type ProjectedIn,
  type ProjectedProcess,
  type ProjectionIn,
  type ProjectionOf,
  type ProjectorName,
} from '../libs/processes/registry';
import { annualCycleReadModel } from './annual-cycle/annual-cycle.projector';
import { decisionReadModel } from './decision/decision.projector';
import { meetingReadModel } from './meeting/meeting.projector';
import { callsForNotices, enqueueNotices, Noticeable } from './notifications/notices';
import type { NoticeOptions } from './notifications/task-notices';
import { reportRefusedProjections } from './projection-incidents';
import type { ReadModelWriter } from './read-model-writer';
import { twgRoundReadModel } from './twg-round/twg-round.projector';

/** A writer for each process of registry `R` that keeps a read model, typed by what its workflow projects. */
export type ReadModelWriters<R> = { readonly [K in ProjectedIn<R>]: ReadModelWriter<ProjectionIn<R, K>> };

/** Every read model's writer, by process: a process the registry says keeps one and that is missing here fails `tsc`. */
export const READ_MODEL_WRITERS = {
  'annual-cycle': annualCycleReadModel,
  decision: decisionReadModel,
  meeting: meetingReadModel,
  'twg-round': twgRoundReadModel,
} satisfies ReadModelWriters<typeof PROCESSES>;

/** The projector activities under the names their workflows schedule them by (the registry's `projector`). */
export type ProjectorActivities = {
  readonly [K in ProjectedProcess as (typeof PROCESSES)[K]['readModel']['projector']]: (
    projection: ProjectionOf<K>,
  ) => Promise<void>;
};

/**
 * Every projector, built over the DataSource; a refusal of its data is an incident, never a retry for ever
 * (projection-incidents.ts). With `notices` (the live worker's, not a rebuild's), what a projection's open tasks call
 * for is written to the outbox after the read model: a retried projection writes it once (task-notices.ts).
 */
export function createProjectorActivities(deps: {
  readonly dataSource: DataSource;
  readonly notices?: NoticeOptions;
}): ProjectorActivities {
  const projectors: Partial<Record<ProjectorName, unknown>> = {};
  for (const name of PROJECTED_PROCESSES) {
    const activity = PROCESSES[name].readModel.projector;
    const writer = READ_MODEL_WRITERS[name] as ReadModelWriter<{ readonly workflowId: string }>;
    const project = reportRefusedProjections(deps.dataSource, activity, writer.project(deps));
    const notices = deps.notices;
    // Notices the outbox refuses are an incident of their own, like a refused projection: the process goes on.
    const tell =
      notices &&
      reportRefusedProjections(deps.dataSource, `${activity}:notices`, (p: Noticeable) =>
        enqueueNotices(deps.dataSource, name, p, notices),
      );
    projectors[activity] = tell
      ? async (p: Noticeable) => {
          await project(p);
          if (callsForNotices(name, p)) await tell(p);
        }
      : project;
  }
  return projectors as ProjectorActivities;
}
