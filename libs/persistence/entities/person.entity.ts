import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';

import type { Language, PersonRole } from '../../domain/people';

/**
 * A person of a network: who acts (on behalf of an agency) when a task is done, and who is told (issue 14). People are
 * never deleted: an inactive person's keys and sessions stop, and the audit trail keeps their name.
 */
@Entity({ name: 'people' })
@Index('ux_people_email', ['networkCode', 'email'], { unique: true })
@Check('ck_people_role', `"role" IN ('coordinator', 'focal-point', 'alternate', 'twg-lead', 'auditor', 'observer')`)
@Check('ck_people_language', `"language" IN ('en', 'tet', 'pt')`)
@Check('ck_people_agency', `"role" IN ('auditor', 'observer') OR "agency_code" IS NOT NULL`)
@Check('ck_people_twg', `("role" = 'twg-lead') = ("twg_code" IS NOT NULL)`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_people' })
  id: string;

  @Column({ name: 'network_code', type: 'text' })
  networkCode: string;

  @Column({ type: 'text' })
  name: string;

  /** Lower case: one person per address in a network. */
  @Column({ type: 'text' })
  email: string;

  /** The agency they act for; none for an auditor, or an observer from outside the UN (a Government counterpart). */
  @Column({ name: 'agency_code', type: 'text', nullable: true })
  agencyCode: string | null;

  @Column({ type: 'text' })
  role: PersonRole;

  /** The TWG a TWG lead leads. */
  @Column({ name: 'twg_code', type: 'text', nullable: true })
  twgCode: string | null;

  @Column({ type: 'text', default: 'en' })
  language: Language;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_people_network' })
  network?: NetworkEntity;
}
