import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { NetworkEntity } from './network.entity';
import { PersonEntity } from './person.entity';

import type { KeyRole, KeyScope } from '../../domain/roles';

/**
 * An API key, stored as the SHA-256 of the key (keys are 256 random bits, so a plain hash is enough and lets the guard
 * look a key up by index). Bound to one network and to a role; agency and coordinator keys also to an agency. A
 * platform administrator's key is bound to no network.
 */
@Entity({ name: 'api_keys' })
@Index('ix_api_keys_network', ['networkCode'])
@Check('ck_api_keys_role', `"role" IN ('coordinator', 'agency', 'auditor', 'observer', 'administrator')`)
@Check('ck_api_keys_agency', `"role" IN ('auditor', 'observer', 'administrator') OR "agency_code" IS NOT NULL`)
@Check('ck_api_keys_scope', `"scope" IN ('read-write', 'read-only')`)
@Check('ck_api_keys_network', `("role" = 'administrator') = ("network_code" IS NULL)`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ name: 'network_code', type: 'text', nullable: true })
  networkCode: string | null;

  @Column({ type: 'text' })
  role: KeyRole;

  @Column({ name: 'agency_code', type: 'text', nullable: true })
  agencyCode: string | null;

  @Index('ux_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  @Column({ type: 'text' })
  label: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** `read-only`: the key reads what its role reads, and sends no command. */
  @Column({ type: 'text', default: 'read-write' })
  scope: KeyScope;

  /** When it stops working on its own; none: until revoked. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The last request it authenticated (to the minute: written at most once a minute). */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** The key this one replaced, when it was made by a rotation. */
  @Column({ type: 'uuid', nullable: true })
  replaces: string | null;

  /**
   * The person whose key it is: it then acts as the person does now (their part, agency and being active), and its
   * role and agency columns follow theirs. None: a service account's key (a program), named by its label.
   */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_api_keys_person' })
  person?: PersonEntity;

  @ManyToOne(() => NetworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_api_keys_network' })
  network?: NetworkEntity;
}
