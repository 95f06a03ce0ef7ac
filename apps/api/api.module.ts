import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';

import type { AuditSigner } from '../../libs/audit/signing';
import type { Config } from '../../libs/config/config';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import {
  ActionItemEntity,
  AgencyEntity,
  ApiKeyEntity,
  CycleEntity,
  DecisionEntity,
  ImpedimentEntity,
  IncidentEntity,
  MeetingEntity,
  NetworkEntity,
  PlanActivityEntity,
  PlanRevisionEntity,
  TaskEntity,
  TwgEntity,
  TwgRoundEntity,
} from '../../libs/persistence/entities';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AUDIT_SIGNER, AuditAnchorsService } from './audit/audit-anchors.service';
import { AuditService } from './audit/audit.service';
import { CONFIG } from '../common/config.token';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { InputGuard } from './common/input.guard';
import { AuthFailureLimiter, RateLimitGuard, rateLimits } from './common/rate-limit.guard';
import { createValidationPipe } from './common/validation.pipe';
import { CyclesController } from './annual-cycle/cycles.controller';
import { CyclesService } from './annual-cycle/cycles.service';
import { DecisionsController } from './decision/decisions.controller';
import { DecisionsService } from './decision/decisions.service';
import { AuditLogController } from './auditors/audit-log.controller';
import { HistoriesController } from './auditors/histories.controller';
import { HistoriesService } from './auditors/histories.service';
import { ReplaysController } from './auditors/replays.controller';
import { HealthController } from './health/health.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { MeetingsController } from './meeting/meetings.controller';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { MeetingsService } from './meeting/meetings.service';
import { SchedulesController } from './scheduled-cycle-start/schedules.controller';
import { SchedulesService } from './scheduled-cycle-start/schedules.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TwgRoundsController } from './twg-round/twg-rounds.controller';
import { TwgRoundsService } from './twg-round/twg-rounds.service';
import { TwgsController } from './twgs/twgs.controller';
import { TwgsService } from './twgs/twgs.service';
import { HealthService } from './health/health.service';
import { TemporalClientService } from './temporal/temporal-client.service';

@Module({})
export class ApiModule {
  static forRoot(config: Config & { databaseUrl: string }, signer: AuditSigner): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize, { statementTimeoutMs: 4_000 })),
        ThrottlerModule.forRoot(rateLimits(config)),
        TypeOrmModule.forFeature([ApiKeyEntity, NetworkEntity, AgencyEntity, CycleEntity, TaskEntity, PlanRevisionEntity, PlanActivityEntity, TwgEntity, DecisionEntity, TwgRoundEntity, ImpedimentEntity, MeetingEntity, ActionItemEntity, IncidentEntity]),
      ],
      controllers: [HealthController, CyclesController, TasksController, SchedulesController, TwgsController, DecisionsController, TwgRoundsController, MeetingsController, MembersController, HistoriesController, AuditLogController, ReplaysController, IncidentsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: AUDIT_SIGNER, useValue: signer },
        AuditAnchorsService,
        { provide: AuthFailureLimiter, useValue: new AuthFailureLimiter(config.authFailuresPerAddress) },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: InputGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        AuditService,
        TasksService,
        SchedulesService,
        TwgsService,
        DecisionsService,
        TwgRoundsService,
        MeetingsService,
        MembersService,
        HistoriesService,
        TemporalClientService,
        HealthService,
        CyclesService,
      ],
    };
  }
}
