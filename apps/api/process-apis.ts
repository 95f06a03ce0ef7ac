import type { Provider, Type } from '@nestjs/common';

import type { ProcessName } from '../../libs/processes/registry';
import {
  ActionItemEntity,
  CycleEntity,
  DecisionEntity,
  ImpedimentEntity,
  MeetingEntity,
  PlanActivityEntity,
  PlanRevisionEntity,
  TwgRoundEntity,
} from '../../libs/persistence/entities';
import { CyclesController } from './annual-cycle/cycles.controller';
import { CyclesService } from './annual-cycle/cycles.service';
import { AuditAnchorsService } from './audit-anchor/audit-anchors.service';
import { ReplaysController } from './audit-replay/replays.controller';
import { DecisionsController } from './decision/decisions.controller';
import { DecisionsService } from './decision/decisions.service';
import { MeetingsController } from './meeting/meetings.controller';
import { MeetingsService } from './meeting/meetings.service';
import { SchedulesController } from './scheduled-cycle-start/schedules.controller';
import { SchedulesService } from './scheduled-cycle-start/schedules.service';
import { TwgRoundsController } from './twg-round/twg-rounds.controller';
import { TwgRoundsService } from './twg-round/twg-rounds.service';

/** What one process brings to the API: its routes, its services and the read-model rows they read. */
export interface ProcessApi {
  readonly controllers: readonly Type[];
  readonly providers: readonly Provider[];
  readonly entities: readonly Type[];
}

/** Every process's API, by the registry's names: a process left out here fails `tsc` (one with none says so). */
export const PROCESS_APIS = {
  'annual-cycle': {
    controllers: [CyclesController],
    providers: [CyclesService],
    entities: [CycleEntity, PlanRevisionEntity, PlanActivityEntity],
  },
  decision: {
    controllers: [DecisionsController],
    providers: [DecisionsService],
    entities: [DecisionEntity, CycleEntity],
  },
  meeting: {
    controllers: [MeetingsController],
    providers: [MeetingsService],
    entities: [MeetingEntity, ActionItemEntity],
  },
  'twg-round': {
    controllers: [TwgRoundsController],
    providers: [TwgRoundsService],
    entities: [TwgRoundEntity, ImpedimentEntity],
  },
  'scheduled-cycle-start': { controllers: [SchedulesController], providers: [SchedulesService], entities: [] },
  'audit-replay': { controllers: [ReplaysController], providers: [], entities: [] },
  // No routes of its own: the API starts one per network as audit rows arrive.
  'audit-anchor': { controllers: [], providers: [AuditAnchorsService], entities: [] },
} satisfies Record<ProcessName, ProcessApi>;
