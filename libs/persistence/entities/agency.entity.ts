import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

/** A UN agency in a network. Members are asked for contributions; `left_at` keeps the history of who was. */
@Entity({ name: 'agencies' })
export class AgencyEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_agencies' })
  networkCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_agencies' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_agencies_network' })
  network?: NetworkEntity;
}
