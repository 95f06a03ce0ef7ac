import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { EngagementKind, GcmProcessLevel, PartnerCategory } from '../../domain/partners';
import { NetworkEntity } from './network.entity';

/** An external partner of the Network (ToR objective 8), in one of the ToR's categories. */
@Entity({ name: 'partners' })
@Index('ux_partners_name', ['networkCode', 'name'], { unique: true })
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partners' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_partners_network' })
  network?: NetworkEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  category: PartnerCategory;

  @Column({ type: 'text', nullable: true })
  contact: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One engagement with partners: a consultation, an event, a submission or a meeting, on a day of a year. */
@Entity({ name: 'engagements' })
@Index('ix_engagements_year', ['networkCode', 'year'])
export class EngagementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_engagements' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'network_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_engagements_network',
  })
  network?: NetworkEntity;

  @Column({ type: 'int' })
  year: number;

  /** The day, as the network's people name it (`2030-05-14`). */
  @Column({ name: 'happened_on', type: 'date' })
  happenedOn: string;

  @Column({ type: 'text' })
  kind: EngagementKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'partner_ids', type: 'uuid', array: true })
  partnerIds: string[];

  @Column({ name: 'activity_ids', type: 'text', array: true, default: () => "'{}'" })
  activityIds: string[];

  @Column({ name: 'gcm_objectives', type: 'int', array: true, default: () => "'{}'" })
  gcmObjectives: number[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  feeds: GcmProcessLevel[];

  /** Who recorded it (the key's or the person's label, as the audit log names actors), for which agency. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'agency_code', type: 'text' })
  agencyCode: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
