import { InitialSchema1795824000000 } from './1795824000000-initial-schema';
import { TasksPlansAudit1795830000000 } from './1795830000000-tasks-plans-audit';
import { TwgRegistry1795836000000 } from './1795836000000-twg-registry';
import { Meetings1795842000000 } from './1795842000000-meetings';
import { IncidentsSignatures1795848000000 } from './1795848000000-incidents-signatures';
import { NetworksAsData1795854000000 } from './1795854000000-networks-as-data';
import { KeyLifecycle1795860000000 } from './1795860000000-key-lifecycle';
import { People1795866000000 } from './1795866000000-people';
import { Sessions1795872000000 } from './1795872000000-sessions';
import { Absences1795878000000 } from './1795878000000-absences';
import { Outbox1795884000000 } from './1795884000000-outbox';
import { NotificationPreferences1795890000000 } from './1795890000000-notification-preferences';
import { Webhooks1795896000000 } from './1795896000000-webhooks';
import { UnInfoFields1795902000000 } from './1795902000000-un-info-fields';
import { Partners1795908000000 } from './1795908000000-partners';

/** Every migration, in order. Listed explicitly (no glob) so ts-node, the build and jest load the same set. */
export const MIGRATIONS = [
  InitialSchema1795824000000,
  TasksPlansAudit1795830000000,
  TwgRegistry1795836000000,
  Meetings1795842000000,
  IncidentsSignatures1795848000000,
  NetworksAsData1795854000000,
  KeyLifecycle1795860000000,
  People1795866000000,
  Sessions1795872000000,
  Absences1795878000000,
  Outbox1795884000000,
  NotificationPreferences1795890000000,
  Webhooks1795896000000,
  UnInfoFields1795902000000,
  Partners1795908000000,
];
