import type { DataSource } from 'typeorm';

import { createAuditAnchorActivities } from './audit-anchor/audit-anchor.activities';
import { AuditReplayDeps, createAuditReplayActivities } from './audit-replay/audit-replay.activities';
import { createCycleProjectionActivities } from './annual-cycle/annual-cycle.projector';
import { createDecisionActivities } from './decision/decision.activities';
import { createMeetingActivities } from './meeting/meeting.activities';
import { createNetworkActivities } from './network.activities';
import { createNetworkYearActivities } from './annual-cycle/network-year.activities';
import { reportRefusedProjections } from './projection-incidents';
import { createTwgRoundActivities } from './twg-round/twg-round.activities';

export interface ActivityDeps extends AuditReplayDeps {
  readonly dataSource: DataSource;
}

/** Every activity, built over injected dependencies (STYLE 5): the worker passes the real DataSource. */
export function createActivities(deps: ActivityDeps) {
  const { projectCycle } = createCycleProjectionActivities(deps);
  const { projectDecision, ...decisions } = createDecisionActivities(deps);
  const { projectTwgRound, ...rounds } = createTwgRoundActivities(deps);
  const { projectMeeting, ...meetings } = createMeetingActivities(deps);
  const incidentOn = deps.dataSource;
  return {
    // Every projector: a refusal of its data is an incident, never a retry for ever (projection-incidents.ts).
    projectCycle: reportRefusedProjections(incidentOn, 'projectCycle', projectCycle),
    projectDecision: reportRefusedProjections(incidentOn, 'projectDecision', projectDecision),
    projectTwgRound: reportRefusedProjections(incidentOn, 'projectTwgRound', projectTwgRound),
    projectMeeting: reportRefusedProjections(incidentOn, 'projectMeeting', projectMeeting),
    ...createNetworkActivities(deps),
    ...decisions,
    ...rounds,
    ...meetings,
    ...createNetworkYearActivities(deps),
    ...createAuditReplayActivities(deps),
    ...createAuditAnchorActivities(deps),
  };
}

/** The type workflows import (as a type only) to proxy activities. */
export type Activities = ReturnType<typeof createActivities>;
