import { AbsenceEntity } from './absence.entity';
import { AgencyEntity } from './agency.entity';
import { CalendarTokenEntity } from './calendar-token.entity';
import { AuditLogEntity } from './audit-log.entity';
import { DecisionEntity } from './decision.entity';
import { ApiKeyEntity } from './api-key.entity';
import { CycleEntity } from './cycle.entity';
import { IncidentEntity } from './incident.entity';
import { ActionItemEntity, MeetingEntity } from './meeting.entity';
import { NetworkEntity } from './network.entity';
import { NotificationPreferencesEntity } from './notification-preferences.entity';
import { NotificationAttemptEntity, OutboxEntity } from './outbox.entity';
import { EngagementEntity, PartnerEntity } from './partner.entity';
import { PersonEntity } from './person.entity';
import { SessionEntity } from './session.entity';
import { SignInLinkEntity } from './sign-in-link.entity';
import { GcmObjectiveEntity, NetworkObjectiveEntity } from './objective.entity';
import { PlanActivityEntity, PlanRevisionEntity } from './plan.entity';
import { TaskEntity } from './task.entity';
import { ImpedimentEntity, TwgRoundEntity } from './twg-round.entity';
import { TwgEntity } from './twg.entity';
import { WebhookEntity } from './webhook.entity';

export {
  AbsenceEntity,
  ActionItemEntity,
  AgencyEntity,
  ApiKeyEntity,
  AuditLogEntity,
  CalendarTokenEntity,
  CycleEntity,
  DecisionEntity,
  EngagementEntity,
  GcmObjectiveEntity,
  ImpedimentEntity,
  IncidentEntity,
  MeetingEntity,
  NetworkEntity,
  NetworkObjectiveEntity,
  NotificationAttemptEntity,
  NotificationPreferencesEntity,
  OutboxEntity,
  PartnerEntity,
  PersonEntity,
  PlanActivityEntity,
  SessionEntity,
  SignInLinkEntity,
  PlanRevisionEntity,
  TaskEntity,
  TwgEntity,
  TwgRoundEntity,
  WebhookEntity,
};

export const ENTITIES = [
  NetworkEntity,
  AgencyEntity,
  GcmObjectiveEntity,
  NetworkObjectiveEntity,
  PersonEntity,
  AbsenceEntity,
  ApiKeyEntity,
  SessionEntity,
  SignInLinkEntity,
  CycleEntity,
  TaskEntity,
  PlanRevisionEntity,
  PlanActivityEntity,
  AuditLogEntity,
  TwgEntity,
  DecisionEntity,
  TwgRoundEntity,
  ImpedimentEntity,
  MeetingEntity,
  ActionItemEntity,
  IncidentEntity,
  OutboxEntity,
  NotificationAttemptEntity,
  CalendarTokenEntity,
  NotificationPreferencesEntity,
  WebhookEntity,
  PartnerEntity,
  EngagementEntity,
];
