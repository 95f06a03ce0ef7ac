import type { DataSource } from 'typeorm';

import { createAuditAnchorActivities } from './audit-anchor/audit-anchor.activities';
import { AuditReplayDeps, createAuditReplayActivities } from './audit-replay/audit-replay.activities';
import { createDecisionActivities } from './decision/decision.activities';
import { createMeetingActivities } from './meeting/meeting.activities';
import { createNetworkActivities } from './network.activities';
import { createNetworkYearActivities } from './annual-cycle/network-year.activities';
import type { NoticeOptions } from './notifications/task-notices';
import { createProjectorActivities } from './read-models';
import { createTwgRoundActivities } from './twg-round/twg-round.activities';

export interface ActivityDeps extends AuditReplayDeps {
  readonly dataSource: DataSource;
  /** Where task mails link to; absent: projections tell nobody (NOTIFICATIONS=off). */
  readonly notices?: NoticeOptions;
}

/** Every activity, built over injected dependencies (STYLE 5): the worker passes the real DataSource. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectorActivities(deps),
    ...createNetworkActivities(deps),
    ...createDecisionActivities(deps),
    ...createTwgRoundActivities(deps),
    ...createMeetingActivities(deps),
    ...createNetworkYearActivities(deps),
    ...createAuditReplayActivities(deps),
    ...createAuditAnchorActivities(deps),
  };
}

/** The type workflows import (as a type only) to proxy activities. */
export type Activities = ReturnType<typeof createActivities>;
