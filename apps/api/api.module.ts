import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';

import type { AuditSigner } from '../../libs/audit/signing';
import type { Config } from '../../libs/config/config';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import {
  AgencyEntity,
  AbsenceEntity,
  ApiKeyEntity,
  NotificationAttemptEntity,
  OutboxEntity,
  PersonEntity,
  SessionEntity,
  SignInLinkEntity,
  IncidentEntity,
  NetworkEntity,
  TaskEntity,
  TwgEntity,
} from '../../libs/persistence/entities';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AUDIT_SIGNER } from './audit-anchor/audit-anchors.service';
import { AuditService } from './audit/audit.service';
import { CONFIG } from '../common/config.token';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { InputGuard } from './common/input.guard';
import { AuthFailureLimiter, RateLimitGuard, rateLimits } from './common/rate-limit.guard';
import { createValidationPipe } from './common/validation.pipe';
import { AuditLogController } from './auditors/audit-log.controller';
import { HistoriesController } from './auditors/histories.controller';
import { HistoriesService } from './auditors/histories.service';
import { HealthController } from './health/health.controller';
import { ApiMetrics } from './metrics/api-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { MembersController } from './members/members.controller';
import { KeysController } from './keys/keys.controller';
import { KeysService } from './keys/keys.service';
import { CalendarFeedController } from './notifications/calendar-feed.controller';
import { CalendarFeedService } from './notifications/calendar-feed.service';
import { NotificationsController } from './notifications/notifications.controller';
import { PreferencesController } from './notifications/preferences.controller';
import { PreferencesService } from './notifications/preferences.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { NotificationsService } from './notifications/notifications.service';
import { AbsencesController } from './people/absences.controller';
import { AbsencesService } from './people/absences.service';
import { PeopleController } from './people/people.controller';
import { OidcService } from './session/oidc.service';
import { SessionController } from './session/session.controller';
import { SessionsService } from './session/sessions.service';
import { PeopleService } from './people/people.service';
import { NetworksController } from './networks/networks.controller';
import { NetworksService } from './networks/networks.service';
import { MembersService } from './members/members.service';
import { TaskKindsController } from './task-kinds/task-kinds.controller';
import { TaskContextService } from './task-kinds/task-context.service';
import { TaskKindsService } from './task-kinds/task-kinds.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { PartnersController } from './partners/partners.controller';
import { PartnersService } from './partners/partners.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { TwgsController } from './twgs/twgs.controller';
import { TwgsService } from './twgs/twgs.service';
import { HealthService } from './health/health.service';
import { PROCESS_APIS, type ProcessApi } from './process-apis';
import { TemporalClientService } from './temporal/temporal-client.service';

@Module({})
export class ApiModule {
  static forRoot(config: Config & { databaseUrl: string }, signer: AuditSigner): DynamicModule {
    const processes: readonly ProcessApi[] = Object.values(PROCESS_APIS);
    return {
      module: ApiModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(config.databaseUrl, config.databasePoolSize, { statementTimeoutMs: 4_000 }),
        ),
        ThrottlerModule.forRoot(rateLimits(config)),
        TypeOrmModule.forFeature([
          ...new Set([
            ApiKeyEntity,
            NetworkEntity,
            AgencyEntity,
            PersonEntity,
            AbsenceEntity,
            OutboxEntity,
            NotificationAttemptEntity,
            SessionEntity,
            SignInLinkEntity,
            TaskEntity,
            TwgEntity,
            IncidentEntity,
            ...processes.flatMap((p) => p.entities),
          ]),
        ]),
      ],
      controllers: [
        HealthController,
        MetricsController,
        TaskKindsController,
        TasksController,
        TwgsController,
        MembersController,
        NetworksController,
        KeysController,
        PeopleController,
        AbsencesController,
        NotificationsController,
        CalendarFeedController,
        PreferencesController,
        WebhooksController,
        SessionController,
        HistoriesController,
        AuditLogController,
        IncidentsController,
        ReportsController,
        PartnersController,
        ...processes.flatMap((p) => p.controllers),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: AUDIT_SIGNER, useValue: signer },
        { provide: AuthFailureLimiter, useValue: new AuthFailureLimiter(config.authFailuresPerAddress) },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: InputGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        AuditService,
        TaskContextService,
        TaskKindsService,
        TasksService,
        TwgsService,
        ReportsService,
        PartnersService,
        MembersService,
        NetworksService,
        KeysService,
        PeopleService,
        AbsencesService,
        NotificationsService,
        CalendarFeedService,
        PreferencesService,
        WebhooksService,
        SessionsService,
        OidcService,
        HistoriesService,
        TemporalClientService,
        HealthService,
        ApiMetrics,
        ...processes.flatMap((p) => p.providers),
      ],
    };
  }
}
