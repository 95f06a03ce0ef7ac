import type { DataSource } from 'typeorm';

import { AuditReplayDeps, createAuditReplayActivities } from './audit-replay.activities';
import { createCycleProjectionActivities } from './cycle-projection.activities';
import { createDecisionActivities } from './decision.activities';
import { createMeetingActivities } from './meeting.activities';
import { createNetworkActivities } from './network.activities';
import { createNetworkYearActivities } from './network-year.activities';
import { createTwgRoundActivities } from './twg-round.activities';

export interface ActivityDeps extends AuditReplayDeps {
  readonly dataSource: DataSource;
}

/** Every activity, built over injected dependencies (STYLE 5): the worker passes the real DataSource. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCycleProjectionActivities(deps),
    ...createNetworkActivities(deps),
    ...createDecisionActivities(deps),
    ...createTwgRoundActivities(deps),
    ...createMeetingActivities(deps),
    ...createNetworkYearActivities(deps),
    ...createAuditReplayActivities(deps),
  };
}

/** The type workflows import (as a type only) to proxy activities. */
export type Activities = ReturnType<typeof createActivities>;
