import { AgencyEntity } from './agency.entity';
import { ApiKeyEntity } from './api-key.entity';
import { CycleEntity } from './cycle.entity';
import { NetworkEntity } from './network.entity';
import { GcmObjectiveEntity, NetworkObjectiveEntity } from './objective.entity';

export { AgencyEntity, ApiKeyEntity, CycleEntity, GcmObjectiveEntity, NetworkEntity, NetworkObjectiveEntity };

export const ENTITIES = [NetworkEntity, AgencyEntity, GcmObjectiveEntity, NetworkObjectiveEntity, ApiKeyEntity, CycleEntity];
