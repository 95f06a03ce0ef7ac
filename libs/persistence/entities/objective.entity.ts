import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

/** The 23 GCM objectives (ToR Annex I): reference data shared by every network. */
@Entity({ name: 'gcm_objectives' })
export class GcmObjectiveEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_gcm_objectives' })
  number: number;

  @Column({ type: 'text' })
  title: string;
}

export type NetworkObjectiveScope = 'network' | 'twg';

/** A network's own objectives: the Network's (9 for Timor-Leste) and its TWGs' (4). */
@Entity({ name: 'network_objectives' })
@Check('ck_network_objectives_scope', `"scope" IN ('network', 'twg')`)
export class NetworkObjectiveEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_network_objectives' })
  networkCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_network_objectives' })
  scope: NetworkObjectiveScope;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_network_objectives' })
  number: number;

  @Column({ type: 'text' })
  text: string;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'network_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_network_objectives_network',
  })
  network?: NetworkEntity;
}
