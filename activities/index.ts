import { createCycleProjectionActivities, CycleProjectionDeps } from './cycle-projection.activities';

export type ActivityDeps = CycleProjectionDeps;

/** Every activity, built over injected dependencies (STYLE 5): the worker passes real repositories. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCycleProjectionActivities(deps),
  };
}

/** The type workflows import (as a type only) to proxy activities. */
export type Activities = ReturnType<typeof createActivities>;
