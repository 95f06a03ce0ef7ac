import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

/**
 * A Technical Working Group and its history: established on a date (by a decision, or at the Network's first
 * meeting), and, once abolished, when and by which decision. Rows are never deleted.
 */
@Entity({ name: 'twgs' })
export class TwgEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_twgs' })
  networkCode: string;

  /** Short, stable: `labour-migration`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_twgs' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'thematic_area', type: 'text' })
  thematicArea: string;

  @Column({ name: 'lead_agency', type: 'text' })
  leadAgency: string;

  @Column({ name: 'member_agencies', type: 'text', array: true })
  memberAgencies: string[];

  @Column({ name: 'established_on', type: 'timestamptz' })
  establishedOn: Date;

  /** The decision that established it; null for the TWGs of the Network's first meeting. */
  @Column({ name: 'established_by', type: 'text', nullable: true })
  establishedBy: string | null;

  @Column({ name: 'abolished_on', type: 'timestamptz', nullable: true })
  abolishedOn: Date | null;

  @Column({ name: 'abolished_by', type: 'text', nullable: true })
  abolishedBy: string | null;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_twgs_network' })
  network?: NetworkEntity;
}
